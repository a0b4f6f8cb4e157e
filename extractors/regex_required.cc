// Literals every match of a pattern must contain, from the tree
// regex_syntax.h reads. The idea is RE2's prefilter (FilteredRE2): per node,
// either the exact set of strings it can match, while that set is small, or
// sets of literals of which a match contains one. A sequence concatenates
// exact sets until they grow too large, then keeps what each run of them
// requires; an alternation needs what all of its branches need. The result
// is a conjunction: a match contains one literal of every set.
#include <algorithm>
#include <utility>

#include "extractors/regex_prefix.h"
#include "extractors/regex_syntax.h"

namespace harrier::extractors {

namespace {

using regex_syntax::Node;
using Strings = std::vector<std::string>;

constexpr size_t kMaxExact = 16;    // strings in an exact set
constexpr size_t kMaxAnyOf = 32;    // literals in one required set
constexpr size_t kMaxRequired = 4;  // required sets kept per pattern
constexpr size_t kMinLiteralBytes = 3;

struct Info {
  bool exact_known = false;
  Strings exact;                // every string the node can match (space-collapsed)
  std::vector<Strings> all_of;  // a match contains one literal of each set
};

// Runs of " " as one, the scanned text's form.
std::string Collapse(std::string s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' || out.empty() || out.back() != ' ') out += c;
  }
  return out;
}

// An exact set as a required set: every match is one of the strings, so it
// contains that string without the white space at its ends (a space run can
// begin before the match). nullopt when a string is then empty.
std::optional<Strings> AsAnyOf(const Strings& exact) {
  Strings out;
  for (const std::string& s : exact) {
    const size_t b = s.find_first_not_of(' ');
    if (b == std::string::npos) return std::nullopt;
    out.push_back(s.substr(b, s.find_last_not_of(' ') + 1 - b));
  }
  // Containing "girls" is implied by containing "different girls": keep the
  // shorter, which says the same.
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  Strings minimal;
  for (std::string& s : out) {
    const bool implied = std::any_of(minimal.begin(), minimal.end(), [&](const std::string& m) {
      return s.find(m) != std::string::npos;
    });
    if (!implied) minimal.push_back(std::move(s));
  }
  if (minimal.empty() || minimal.size() > kMaxAnyOf) return std::nullopt;
  std::sort(minimal.begin(), minimal.end());
  return minimal;
}

size_t ShortestBytes(const Strings& set) {
  size_t n = SIZE_MAX;
  for (const std::string& s : set) n = std::min(n, s.size());
  return n;
}

// The more selective of two sets: the longer shortest literal, then fewer.
bool MoreSelective(const Strings& a, const Strings& b) {
  const size_t la = ShortestBytes(a);
  const size_t lb = ShortestBytes(b);
  return la != lb ? la > lb : a.size() < b.size();
}

void AddRequired(std::optional<Strings> set, std::vector<Strings>* all_of) {
  if (!set || ShortestBytes(*set) < kMinLiteralBytes) return;
  if (std::find(all_of->begin(), all_of->end(), *set) == all_of->end()) {
    all_of->push_back(std::move(*set));
  }
}

// The one most selective set of `info`, for an alternation's branch.
std::optional<Strings> BestSet(const Info& info) {
  std::optional<Strings> best;
  if (info.exact_known) best = AsAnyOf(info.exact);
  if (best && ShortestBytes(*best) < kMinLiteralBytes) best.reset();
  for (const Strings& set : info.all_of) {
    if (!best || MoreSelective(set, *best)) best = set;
  }
  return best;
}

Info Exact(Strings strings) {
  Info info;
  info.exact_known = true;
  info.exact = std::move(strings);
  return info;
}

Info Analyse(const Node& node);

Info Sequence(const Node& node) {
  Info out;
  Strings run = {""};  // the exact set of the children since the last break
  bool whole = true;   // no break yet: `run` is the whole sequence's
  const auto close_run = [&] {
    AddRequired(AsAnyOf(run), &out.all_of);
    run = {""};
  };
  for (const Node& child : node.children) {
    Info c = Analyse(child);
    for (Strings& set : c.all_of) AddRequired(std::move(set), &out.all_of);
    if (!c.exact_known) {
      close_run();
      whole = false;
      continue;
    }
    if (run.size() * c.exact.size() > kMaxExact) {
      close_run();
      whole = false;
      run = c.exact;
      continue;
    }
    Strings product;
    for (const std::string& a : run) {
      for (const std::string& b : c.exact) product.push_back(Collapse(a + b));
    }
    std::sort(product.begin(), product.end());
    product.erase(std::unique(product.begin(), product.end()), product.end());
    run = std::move(product);
  }
  if (whole) {
    out.exact_known = true;
    out.exact = run;
  }
  close_run();
  return out;
}

Info Alternation(const Node& node) {
  Info out;
  Strings exact;
  bool exact_known = true;
  Strings any_of;
  bool any_known = true;
  for (const Node& child : node.children) {
    Info c = Analyse(child);
    if (c.exact_known) {
      exact.insert(exact.end(), c.exact.begin(), c.exact.end());
    } else {
      exact_known = false;
    }
    std::optional<Strings> best = BestSet(c);
    if (best) {
      any_of.insert(any_of.end(), best->begin(), best->end());
    } else {
      any_known = false;
    }
  }
  std::sort(exact.begin(), exact.end());
  exact.erase(std::unique(exact.begin(), exact.end()), exact.end());
  if (exact_known && exact.size() <= kMaxExact) {
    out.exact_known = true;
    out.exact = std::move(exact);
  }
  if (any_known) AddRequired(AsAnyOf(any_of), &out.all_of);
  return out;
}

Info Analyse(const Node& node) {
  switch (node.type) {
    case Node::kZeroWidth:
      return Exact({""});
    case Node::kBarrier:
      return {};
    case Node::kLiteral: {
      // A character with case variants beyond ASCII could match bytes the
      // ASCII-folding search would miss; emoji and symbols from U+1F000 have
      // none.
      const auto lead = static_cast<unsigned char>(node.literal[0]);
      if (lead >= 0x80 && lead < 0xF0) return {};
      return Exact({node.literal});
    }
    case Node::kSequence:
      return Sequence(node);
    case Node::kAlternation:
      return Alternation(node);
    case Node::kOptional: {
      Info c = Analyse(node.children[0]);
      if (!node.literal.empty() || !c.exact_known) return {};  // x*, x{0,n}: anything
      c.exact.push_back("");
      std::sort(c.exact.begin(), c.exact.end());
      c.exact.erase(std::unique(c.exact.begin(), c.exact.end()), c.exact.end());
      return Exact(std::move(c.exact));
    }
    case Node::kRepeat: {
      Info c = Analyse(node.children[0]);
      Info out;
      AddRequired(BestSet(c), &out.all_of);
      return out;
    }
  }
  return {};
}

}  // namespace

std::vector<std::vector<std::string>> RequiredLiterals(std::string_view pattern) {
  const std::optional<Node> root = regex_syntax::ParseRegex(pattern);
  if (!root) return {};
  Info info = Analyse(*root);
  std::vector<Strings> all_of = std::move(info.all_of);
  if (info.exact_known) AddRequired(AsAnyOf(info.exact), &all_of);
  // A set is implied by another whose every literal contains one of its own
  // ("just arrived" or "just landed" implies "arrived" or "landed").
  const auto implies = [](const Strings& a, const Strings& b) {
    return std::all_of(a.begin(), a.end(), [&](const std::string& s) {
      return std::any_of(b.begin(), b.end(),
                         [&](const std::string& t) { return s.find(t) != std::string::npos; });
    });
  };
  std::vector<Strings> kept;
  for (size_t i = 0; i < all_of.size(); ++i) {
    bool implied = false;
    for (size_t j = 0; j < all_of.size() && !implied; ++j) {
      // Of two sets that imply each other, the first stays.
      implied =
          j != i && implies(all_of[j], all_of[i]) && (j < i || !implies(all_of[i], all_of[j]));
    }
    if (!implied) kept.push_back(all_of[i]);
  }
  all_of = std::move(kept);
  std::stable_sort(all_of.begin(), all_of.end(), MoreSelective);
  if (all_of.size() > kMaxRequired) all_of.resize(kMaxRequired);
  return all_of;
}

}  // namespace harrier::extractors
