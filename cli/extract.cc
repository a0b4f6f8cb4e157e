#include "cli/extract.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <utility>

#include "cli/table.h"

namespace harrier::cli {
namespace {

using extractors::Extraction;
using extractors::InputFormat;
using nlohmann::json;

std::string Dump(const json& j) {
  // Scraped text may hold invalid UTF-8; it is replaced, never thrown on.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The JSONL list each selector kind goes in.
const char* ListName(SelectorKind kind) {
  switch (kind) {
    case SelectorKind::kPhone:
      return "phones";
    case SelectorKind::kEmail:
      return "emails";
    case SelectorKind::kPostcode:
      return "postcodes";
    case SelectorKind::kPlace:
      return "places";
    case SelectorKind::kWallet:
      return "wallets";
    case SelectorKind::kHandle:
      return "handles";
    case SelectorKind::kBankAccount:
      return "accounts";
    case SelectorKind::kIban:
      return "ibans";
    case SelectorKind::kPersonName:
      return "person_names";
  }
  return "other";
}

std::string_view Before(std::string_view value, std::string_view separator) {
  const size_t at = value.find(separator);
  return at == std::string_view::npos ? value : value.substr(0, at);
}

std::string_view After(std::string_view value, std::string_view separator) {
  const size_t at = value.find(separator);
  return at == std::string_view::npos ? value : value.substr(at + separator.size());
}

// A selector value as a tool comparing against its own labels expects it:
// places by name, wallets by address, handles as {platform, handle}.
json ListEntry(const Selector& s) {
  switch (s.kind) {
    case SelectorKind::kPlace:
      return std::string(Before(s.value, ", "));
    case SelectorKind::kWallet:
      return std::string(After(s.value, ":"));
    case SelectorKind::kHandle:
      return json{{"platform", std::string(Before(s.value, ":"))},
                  {"handle", std::string(After(s.value, ":"))}};
    default:
      return s.value;
  }
}

json SelectorRecord(const Selector& s) {
  return json{{"kind", SelectorKindName(s.kind)},
              {"value", s.value},
              {"raw", s.raw},
              {"begin", s.begin},
              {"end", s.end},
              {"snippet", s.snippet},
              {"confidence", s.confidence},
              {"detail", s.detail}};
}

// Every rule that fired with what fired it, never a bare number.
json HitJson(const extractors::IndicatorHit& hit) {
  json matches = json::array();
  for (const extractors::IndicatorMatch& m : hit.matches) {
    json one{{"text", m.text}, {"begin", m.begin}, {"end", m.end}};
    if (!m.value.empty()) one["value"] = m.value;
    matches.push_back(std::move(one));
  }
  return json{{"id", hit.rule_id},          {"name", hit.name},
              {"category", hit.category},   {"weight", IndicatorWeightName(hit.weight)},
              {"counted", hit.counted},     {"points", hit.points},
              {"note", hit.note},           {"matches", matches},
              {"rationale", hit.rationale}, {"evidence", hit.evidence}};
}

json IndicatorsJson(const Extraction& extraction) {
  json hits = json::array();
  if (!extraction.indicators) return hits;
  for (const extractors::IndicatorHit& hit : extraction.indicators->hits) {
    hits.push_back(HitJson(hit));
  }
  return hits;
}

void PrintIndicatorReport(const extractors::IndicatorReport& report, std::ostream& out) {
  out << "indicators (rules " << SanitizeForTerminal(report.version) << "): score " << report.score
      << ", " << extractors::IndicatorBandName(report.band)
      << (report.truncated ? " (text too long: not all of it was checked)" : "")
      << "; a score only orders the review queue\n";
  if (report.hits.empty()) return;
  Table table({"RULE", "NAME", "WEIGHT", "COUNTED", "MATCHED", "NOTE"}, 60);
  for (const extractors::IndicatorHit& hit : report.hits) {
    std::string matched;
    for (const extractors::IndicatorMatch& m : hit.matches) {
      if (!matched.empty()) matched += " | ";
      matched += m.value.empty() ? m.text : m.value;
    }
    table.AddRow({hit.rule_id, hit.name, std::string(IndicatorWeightName(hit.weight)),
                  hit.counted ? "+" + std::to_string(hit.points) : "no", matched,
                  hit.note.empty() ? hit.rationale : hit.note});
  }
  table.Print(out);
}

bool IsInsideIban(const Extraction& extraction, const extractors::FieldSelector& account) {
  return std::any_of(extraction.selectors.begin(), extraction.selectors.end(),
                     [&](const extractors::FieldSelector& other) {
                       return other.selector.kind == SelectorKind::kIban &&
                              other.field == account.field &&
                              other.selector.begin <= account.selector.begin &&
                              account.selector.end <= other.selector.end;
                     });
}

InputFormat FormatFor(const std::string& format, std::string_view text) {
  if (format == "html") return InputFormat::kHtml;
  if (format == "text") return InputFormat::kText;
  return extractors::LooksLikeHtml(text) ? InputFormat::kHtml : InputFormat::kText;
}

// Reads at most kMaxExtractInputBytes + 1 bytes.
std::string ReadCapped(std::istream& in) {
  std::string data;
  char buffer[1 << 16];
  while (data.size() <= kMaxExtractInputBytes && in.read(buffer, sizeof buffer).gcount() > 0) {
    data.append(buffer, static_cast<size_t>(in.gcount()));
  }
  return data;
}

// Reads one line of at most kMaxExtractInputBytes; the rest of a longer line
// is skipped and *too_long set. False at the end of input.
bool ReadLine(std::istream& in, std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  char c;
  bool any = false;
  while (in.get(c)) {
    any = true;
    if (c == '\n') return true;
    if (line->size() < kMaxExtractInputBytes) {
      line->push_back(c);
    } else {
      *too_long = true;
    }
  }
  return any;
}

void PrintPlain(const std::string& name, InputFormat format, size_t bytes,
                const Extraction& extraction, std::ostream& out) {
  out << "== " << SanitizeForTerminal(name) << " ("
      << (format == InputFormat::kHtml ? "html" : "text") << ", " << bytes
      << " bytes): " << extraction.selectors.size() << " selectors\n";
  Table table({"KIND", "VALUE", "CONF", "AS WRITTEN", "CONTEXT", "DETAIL"});
  for (const extractors::FieldSelector& fs : extraction.selectors) {
    const Selector& s = fs.selector;
    std::ostringstream confidence;
    confidence.precision(2);
    confidence << std::fixed << s.confidence;
    table.AddRow({std::string(SelectorKindName(s.kind)), SanitizeForTerminal(s.value),
                  confidence.str(), SanitizeForTerminal(s.raw), SanitizeForTerminal(s.snippet),
                  SanitizeForTerminal(s.detail)});
  }
  if (table.size() > 0) table.Print(out);
  if (extraction.indicators) {
    PrintIndicatorReport(*extraction.indicators, out);
  }
}

class ExtractRun {
 public:
  ExtractRun(const extractors::TextExtractor& extractor, const ExtractRequest& request,
             std::ostream& out, std::ostream& err)
      : extractor_(extractor), request_(request), out_(out), err_(err) {}

  void Document(const std::string& name, std::istream& in) {
    const std::string text = ReadCapped(in);
    if (text.size() > kMaxExtractInputBytes) {
      return Refuse(name + ": larger than " + std::to_string(kMaxExtractInputBytes >> 20) +
                    " MiB; split it");
    }
    const InputFormat format = FormatFor(request_.format, text);
    const Extraction extraction = extractor_.ExtractDocument(text, format);
    if (request_.json) {
      json j = ExtractionToJson(extraction);
      j["source"] = name;
      out_ << Dump(j) << "\n";
    } else {
      PrintPlain(name, format, text.size(), extraction, out_);
    }
  }

  void Lines(const std::string& name, std::istream& in) {
    std::string line;
    bool too_long = false;
    for (size_t number = 1; ReadLine(in, &line, &too_long); ++number) {
      const std::string where = name + ":" + std::to_string(number);
      if (too_long) {
        Refuse(where + ": line longer than " + std::to_string(kMaxExtractInputBytes >> 20) +
               " MiB");
        continue;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      OneLine(where, line);
    }
  }

  bool refused() const { return refused_; }

  void Refuse(const std::string& message) {
    err_ << "harrier extract: " << message << "\n";
    refused_ = true;
  }

 private:
  void OneLine(const std::string& where, const std::string& line) {
    json in;
    try {
      in = json::parse(line);
    } catch (const json::exception& e) {
      return Refuse(where + ": not JSON: " + e.what());
    }
    if (!in.is_object() || !in.contains("text") || !in["text"].is_string()) {
      return Refuse(where + ": expected an object with a string \"text\"");
    }
    std::string format = request_.format;
    if (in.contains("format") && in["format"].is_string()) format = in["format"];
    if (format != "auto" && format != "text" && format != "html") {
      return Refuse(where + ": format must be text, html or auto");
    }
    const std::string& text = in["text"].get_ref<const std::string&>();
    json j = ExtractionToJson(extractor_.ExtractDocument(text, FormatFor(format, text)));
    j["id"] = in.contains("id") ? in["id"] : json(nullptr);
    out_ << Dump(j) << "\n";
  }

  const extractors::TextExtractor& extractor_;
  const ExtractRequest& request_;
  std::ostream& out_;
  std::ostream& err_;
  bool refused_ = false;
};

}  // namespace

json ExtractionToJson(const Extraction& extraction) {
  json j = json::object();
  // Text yields no person_name selectors (those come from registry records).
  for (SelectorKind kind : kAllSelectorKinds) {
    if (kind != SelectorKind::kPersonName) j[ListName(kind)] = json::array();
  }
  j["sort_codes"] = json::array();
  std::set<std::pair<SelectorKind, std::string>> seen;
  std::set<std::string> sort_codes;
  json records = json::array();
  for (const extractors::FieldSelector& fs : extraction.selectors) {
    const Selector& s = fs.selector;
    records.push_back(SelectorRecord(s));
    // A GB IBAN also gives its sort code and account, for linking; the lists
    // show what was written, so that account appears as the IBAN only.
    if (s.kind == SelectorKind::kBankAccount && IsInsideIban(extraction, fs)) continue;
    if (!seen.emplace(s.kind, s.value).second) continue;
    j[ListName(s.kind)].push_back(ListEntry(s));
    if (s.kind == SelectorKind::kBankAccount) {
      const std::string sort_code(Before(s.value, " "));
      if (sort_codes.insert(sort_code).second) j["sort_codes"].push_back(sort_code);
    }
  }
  j["indicators"] = IndicatorsJson(extraction);
  if (extraction.indicators) {
    j["score"] = extraction.indicators->score;
    j["band"] = extractors::IndicatorBandName(extraction.indicators->band);
    j["ruleset"] = extraction.indicators->version;
    j["headline"] = extraction.indicators->headline;
  }
  j["selectors"] = std::move(records);
  return j;
}

Status CmdExtract(const extractors::TextExtractor& extractor, const ExtractRequest& request,
                  std::istream& in, std::ostream& out, std::ostream& err) {
  if (request.format != "auto" && request.format != "text" && request.format != "html") {
    return Status::InvalidArgument("--format must be auto, text or html, not \"" + request.format +
                                   "\"");
  }
  ExtractRun run(extractor, request, out, err);
  auto process = [&](const std::string& name, std::istream& stream) {
    if (request.jsonl) {
      run.Lines(name, stream);
    } else {
      run.Document(name, stream);
    }
  };
  if (request.files.empty()) process("<stdin>", in);
  for (const std::string& file : request.files) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
      run.Refuse(file + ": cannot be read");
      continue;
    }
    process(file, stream);
  }
  if (run.refused()) return Status::InvalidArgument("some input was refused (see above)");
  return Status::Ok();
}

}  // namespace harrier::cli
