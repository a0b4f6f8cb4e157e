// The reader behind regex_syntax.h.
#include "extractors/regex_syntax.h"

#include <cctype>
#include <cstdint>
#include <utility>

#include "extractors/utf8.h"

namespace harrier::extractors::regex_syntax {

namespace {

constexpr int kMaxDepth = 64;

Node Leaf(Node::Type type, std::string literal = "") { return {type, std::move(literal), {}}; }

// ICU's \s: [\t\n\f\r\p{Z}].
bool IsIcuSpace(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// A literal code point as a prefix byte string; a barrier when ICU's case
// folding could match it with bytes the ASCII-folding scanner would miss.
// Every white-space character is " " (the scanned text has each run of white
// space as one " ").
Node LiteralNode(uint32_t cp) {
  if (IsIcuSpace(cp)) return Leaf(Node::kLiteral, " ");
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  // ICU's full case folding also matches U+212A KELVIN SIGN, U+017F LONG S,
  // U+00DF (as "ss") and ligatures with ASCII letters; the scorer searches a
  // text holding any of them whole (Utf16Text::folds_to_ascii).
  if (cp >= 0x80 && cp < 0x2000) return Leaf(Node::kBarrier);  // may have case variants
  if (cp > 0x10FFFF) return Leaf(Node::kBarrier);
  return Leaf(Node::kLiteral, EncodeUtf8(cp));
}

class Reader {
 public:
  explicit Reader(std::string_view p) : p_(p) {}

  std::optional<Node> Read() {
    Node node = Alternation(0);
    if (!ok_ || i_ != p_.size()) return std::nullopt;
    return node;
  }

 private:
  bool More() const { return i_ < p_.size(); }
  char Peek(size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0'; }
  Node Fail() {
    ok_ = false;
    return Leaf(Node::kBarrier);
  }

  Node Alternation(int depth) {
    if (depth > kMaxDepth) return Fail();
    Node alt{Node::kAlternation, "", {Sequence(depth)}};
    while (ok_ && Peek() == '|') {
      ++i_;
      alt.children.push_back(Sequence(depth));
    }
    return alt.children.size() == 1 ? std::move(alt.children[0]) : alt;
  }

  Node Sequence(int depth) {
    Node seq{Node::kSequence, "", {}};
    while (ok_ && More() && Peek() != '|' && Peek() != ')') {
      Node atom = Atom(depth);
      seq.children.push_back(Quantified(std::move(atom)));
    }
    return seq;
  }

  Node Group(int depth) {
    ++i_;  // '('
    bool zero_width = false;
    if (Peek() == '?') {
      ++i_;
      const char c = Peek();
      if (c == '=' || c == '!') {
        ++i_;
        zero_width = true;
      } else if (c == '<' && (Peek(1) == '=' || Peek(1) == '!')) {
        i_ += 2;
        zero_width = true;
      } else if (c == '#') {
        while (More() && Peek() != ')') ++i_;
        zero_width = true;
      } else if (c == ':' || c == '>') {
        ++i_;
      } else if (c == '<') {  // named group
        while (More() && Peek() != '>') ++i_;
        ++i_;
      } else {  // flags: (?i) or (?i-m:...); free spacing (x) changes the syntax
        while (More() && (std::isalpha(static_cast<unsigned char>(Peek())) || Peek() == '-')) {
          if (Peek() == 'x') return Fail();
          ++i_;
        }
        if (Peek() == ')') {
          ++i_;
          return Leaf(Node::kZeroWidth);
        }
        if (Peek() != ':') return Fail();
        ++i_;
      }
    }
    Node inner = Alternation(depth + 1);
    if (Peek() != ')') return Fail();
    ++i_;
    return zero_width ? Leaf(Node::kZeroWidth) : inner;
  }

  // A class of up to 16 plain characters becomes their alternation.
  Node Class() {
    const size_t body = i_ + 1;
    Node skipped = SkipClass();
    if (!ok_) return skipped;
    std::optional<std::vector<uint32_t>> chars = ClassChars(p_.substr(body, i_ - 1 - body));
    if (!chars) return skipped;
    Node alt{Node::kAlternation, "", {}};
    for (uint32_t cp : *chars) alt.children.push_back(LiteralNode(cp));
    return alt;
  }

  static std::optional<std::vector<uint32_t>> ClassChars(std::string_view body) {
    std::vector<uint32_t> out;
    if (body.empty() || body[0] == '^' || body.find('[') != std::string_view::npos ||
        body.find("&&") != std::string_view::npos || body.find("--") != std::string_view::npos) {
      return std::nullopt;
    }
    Reader r(body);
    while (r.More() && out.size() <= 16) {
      uint32_t cp = 0;
      if (r.Peek() == '\\') {
        ++r.i_;
        const char c = r.More() ? r.p_[r.i_++] : '\0';
        if (c == 's') {
          cp = ' ';
        } else if (c == 'd') {
          for (char d = '0'; d <= '9'; ++d) out.push_back(static_cast<uint32_t>(d));
          continue;
        } else if (c == 'x' || c == 'u') {
          const std::optional<uint32_t> hex = r.Hex(c == 'x' ? 2 : 4);
          if (!hex) return std::nullopt;
          cp = *hex;
        } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '\0') {
          return std::nullopt;
        } else {
          cp = static_cast<unsigned char>(c);
        }
      } else {
        cp = r.CodePoint();
      }
      if (r.Peek() == '-' && r.i_ + 1 < body.size()) {
        ++r.i_;
        const uint32_t last = r.CodePoint();
        if (cp > 0x7F || last > 0x7F || last < cp || last - cp > 25) return std::nullopt;
        for (uint32_t c = cp; c <= last; ++c) out.push_back(c);
        continue;
      }
      out.push_back(cp);
    }
    if (out.size() > 16 || out.empty()) return std::nullopt;
    return out;
  }

  Node SkipClass() {
    ++i_;  // '['
    int depth = 1;
    if (Peek() == '^') ++i_;
    if (Peek() == ']') ++i_;
    while (More() && depth > 0) {
      const char c = p_[i_++];
      if (c == '\\') {
        ++i_;
      } else if (c == '[') {
        ++depth;
      } else if (c == ']') {
        --depth;
      }
    }
    return depth == 0 ? Leaf(Node::kBarrier) : Fail();
  }

  // Hex digits up to `max` (or inside braces); nullopt if none.
  std::optional<uint32_t> Hex(size_t max) {
    const bool braced = Peek() == '{';
    if (braced) ++i_;
    uint32_t value = 0;
    size_t n = 0;
    while (More() && std::isxdigit(static_cast<unsigned char>(Peek())) && (braced || n < max)) {
      const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(p_[i_++])));
      value = value * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
      if (++n > 8) return std::nullopt;
    }
    if (braced && Peek() != '}') return std::nullopt;
    if (braced) ++i_;
    if (n == 0) return std::nullopt;
    return value;
  }

  Node Escape() {
    ++i_;  // '\'
    if (!More()) return Fail();
    const char c = p_[i_++];
    switch (c) {
      case 'b':
      case 'B':
      case 'A':
      case 'Z':
      case 'z':
      case 'G':
        return Leaf(Node::kZeroWidth);
      case 'x':
      case 'u':
      case 'U': {
        const std::optional<uint32_t> cp = Hex(c == 'x' ? 2 : c == 'u' ? 4 : 8);
        return cp ? LiteralNode(*cp) : Fail();
      }
      case 's':
        return LiteralNode(' ');
      case 'd': {
        Node digits{Node::kAlternation, "", {}};
        for (uint32_t d = '0'; d <= '9'; ++d) digits.children.push_back(LiteralNode(d));
        return digits;
      }
      case 't':
        return LiteralNode('\t');
      case 'n':
        return LiteralNode('\n');
      case 'r':
        return LiteralNode('\r');
      case 'f':
        return LiteralNode('\f');
      case 'e':
        return LiteralNode(0x1B);
      case 'a':
        return LiteralNode(0x07);
      case 'Q': {
        Node seq{Node::kSequence, "", {}};
        while (More() && !(Peek() == '\\' && Peek(1) == 'E')) {
          seq.children.push_back(Char());
        }
        if (More()) i_ += 2;
        return seq;
      }
      default:
        break;
    }
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if ((c == 'p' || c == 'P' || c == 'N') && Peek() == '{') {
        while (More() && Peek() != '}') ++i_;
        ++i_;
      }
      return Leaf(Node::kBarrier);  // \s \d \w \p{..} back-references ...
    }
    return LiteralNode(static_cast<unsigned char>(c));
  }

  // One UTF-8 character as a literal.
  Node Char() { return LiteralNode(CodePoint()); }

  uint32_t CodePoint() {
    const auto lead = static_cast<unsigned char>(p_[i_]);
    const size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    uint32_t cp = len == 1 ? lead : lead & (0x3F >> (len - 1));
    for (size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(Peek(k)) & 0x3F);
    }
    i_ += len;
    return cp;
  }

  Node Atom(int depth) {
    switch (Peek()) {
      case '(':
        return Group(depth);
      case '[':
        return Class();
      case '.':
        ++i_;
        return Leaf(Node::kBarrier);
      case '^':
      case '$':
        ++i_;
        return Leaf(Node::kZeroWidth);
      case '\\':
        return Escape();
      case '*':
      case '+':
      case '?':
      case '{':
        return Fail();  // quantifier with nothing before
      default:
        return Char();
    }
  }

  Node Quantified(Node atom) {
    size_t min = 1;
    size_t max = 1;
    bool exact_max = true;  // false for *, + and {n,}
    const char c = Peek();
    if (c == '?' || c == '*' || c == '+') {
      ++i_;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : 2;
      exact_max = c == '?';
    } else if (c == '{' && Peek(1) >= '0' && Peek(1) <= '9') {
      ++i_;
      min = 0;
      while (Peek() >= '0' && Peek() <= '9')
        min = std::min<size_t>(min * 10 + (p_[i_++] - '0'), 1000);
      max = min;
      if (Peek() == ',') {
        ++i_;
        max = Peek() == '}' ? 2 : 0;
        exact_max = Peek() != '}';
        while (Peek() >= '0' && Peek() <= '9')
          max = std::min<size_t>(max * 10 + (p_[i_++] - '0'), 1000);
      }
      if (Peek() != '}') return Fail();
      ++i_;
    } else {
      return atom;
    }
    if (Peek() == '?' || Peek() == '+') ++i_;  // lazy or possessive
    if (min == 1 && max == 1) return atom;
    // One or more white-space characters are one " " in the scanned text.
    if (atom.type == Node::kLiteral && atom.literal == " ") {
      return min >= 1 ? atom : Node{Node::kOptional, "", {std::move(atom)}};
    }
    if (exact_max && max <= 3) {  // \d{1,2}: one or two digits, spelt out
      Node alt{Node::kAlternation, "", {}};
      for (size_t k = min; k <= max; ++k) {
        alt.children.push_back(Node{Node::kSequence, "", std::vector<Node>(k, atom)});
      }
      return alt;
    }
    const Node::Type type = min == 0 ? Node::kOptional : Node::kRepeat;
    Node node{type, max > 1 ? "repeat" : "", {std::move(atom)}};
    return node;
  }

  std::string_view p_;
  size_t i_ = 0;
  bool ok_ = true;
};

}  // namespace

std::optional<Node> ParseRegex(std::string_view pattern) { return Reader(pattern).Read(); }

}  // namespace harrier::extractors::regex_syntax
