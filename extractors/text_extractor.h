// Selector extraction from advert text or HTML: phone numbers (E.164 via
// libphonenumber, default region GB, Ofcom drama ranges accepted, written in
// words, fenced, split or linked), emails, UK postcodes, places from a
// gazetteer, crypto wallets, social handles and UK bank details, and the
// explainable indicator score of an advert. Text is normalised first
// (extractors/normalizer.h); every selector quotes its source bytes exactly.
// Pure: text in, findings out; no I/O, no clock.
// Thread-safety: immutable after construction; const methods are safe to call
// from many threads.
#ifndef HARRIER_EXTRACTORS_TEXT_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_TEXT_EXTRACTOR_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract_data.h"
#include "core/selector.h"
#include "core/status.h"
#include "extractors/indicators.h"
#include "extractors/normalizer.h"
#include "extractors/phone_extractor.h"

namespace harrier::extractors {

class Gazetteer;
class PlaceExtractor;

struct ExtractorOptions {
  std::string default_region = "GB";
  bool accept_drama_ranges = true;
  size_t snippet_context = 60;                 // bytes either side, widened to whole characters
  std::shared_ptr<const Gazetteer> gazetteer;  // null: places are not extracted
  std::shared_ptr<const IndicatorScorer> indicators;  // null: texts are not scored
};

// One named part of a document (an advert's title, body, location).
struct TextField {
  std::string_view name;
  std::string_view text;  // as received
  InputFormat format = InputFormat::kText;
};

struct FieldSelector {
  size_t field = 0;   // index into the fields given
  Selector selector;  // begin/end/raw in that field's source text
};

// What was found in a document. Indicator matches (IndicatorMatch begin/end)
// are byte offsets into the source of field `match_fields[hit][match]`.
struct Extraction {
  std::vector<FieldSelector> selectors;  // by field, then position
  std::optional<IndicatorReport> indicators;
  std::vector<std::vector<size_t>> match_fields;  // parallel to indicators->hits[i].matches
};

class TextExtractor {
 public:
  explicit TextExtractor(ExtractorOptions options = {});

  // All selectors in `text`, ordered by position; each (kind, value) may
  // appear several times if written several times. Spans and raw are in
  // `text` as given; snippets come from the normalised text.
  std::vector<Selector> Extract(std::string_view text,
                                InputFormat format = InputFormat::kText) const;

  // Selectors of each field, and the indicator score of the fields read
  // together (title and body are one advert) when a scorer is configured.
  Extraction ExtractFields(const std::vector<TextField>& fields) const;

  // One document: ExtractFields with a single field named "text".
  Extraction ExtractDocument(std::string_view text, InputFormat format) const;

  // Normalises one value as a user would type it on the command line:
  // "07700 900 123" -> "+447700900123", " Foo@Example.COM " -> "foo@example.com",
  // "b11aa" -> "B1 1AA", "snapchat:@Jess_99" -> "snapchat:jess_99". nullopt when
  // it is not a valid value of that kind.
  std::optional<std::string> Normalize(SelectorKind kind, std::string_view input) const;

  bool scores_indicators() const { return options_.indicators != nullptr; }
  bool extracts_places() const { return places_ != nullptr; }

 private:
  // Selectors in normalised text `n.text` (spans in it), overlaps between
  // kinds resolved.
  std::vector<Selector> FindAll(std::string_view text) const;

  ExtractorOptions options_;
  PhoneExtractor phones_;  // immutable; shares its generators when copied
  std::shared_ptr<const PlaceExtractor> places_;
};

// Options built from `data` (config::LoadExtractData reads it): region,
// gazetteer and indicator scorer; snippet_context as given in `base`.
// InvalidArgument naming the gazetteer or the rule and pattern at fault.
Result<ExtractorOptions> BuildExtractorOptions(const ExtractData& data, ExtractorOptions base = {});

// `context` bytes either side of [begin, end), cut at UTF-8 boundaries, with
// whitespace runs collapsed and "…" where it was cut.
std::string MakeSnippet(std::string_view text, size_t begin, size_t end, size_t context);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_TEXT_EXTRACTOR_H_
