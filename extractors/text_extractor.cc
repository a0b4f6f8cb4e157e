#include "extractors/text_extractor.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <utility>

#include "extractors/bank_extractor.h"
#include "extractors/byte_scan.h"
#include "extractors/email_extractor.h"
#include "extractors/gazetteer.h"
#include "extractors/handle_extractor.h"
#include "extractors/place_extractor.h"
#include "extractors/postcode_extractor.h"
#include "extractors/utf8.h"
#include "extractors/wallet_extractor.h"

namespace harrier::extractors {
namespace {

constexpr std::string_view kEllipsis = "…";
// Between two fields when they are scored as one text: no pattern or number
// runs across it.
constexpr std::string_view kFieldBreak = "\n\n";

bool Overlaps(const Selector& a, const Selector& b) { return a.begin < b.end && b.begin < a.end; }

// When selectors of two kinds claim the same bytes, the more specific reading
// wins: the digits of an IBAN, an account or a wallet are not a phone; a
// postcode, handle or place inside an address or a wallet is part of it. A
// phone used as an email's local part is kept: it links the two.
bool LosesTo(SelectorKind kind, SelectorKind other) {
  using K = SelectorKind;
  switch (kind) {
    case K::kPhone:
      return other == K::kBankAccount || other == K::kIban || other == K::kWallet;
    case K::kPostcode:
      return other == K::kEmail || other == K::kWallet || other == K::kIban || other == K::kHandle;
    case K::kPlace:
      return other == K::kEmail || other == K::kHandle || other == K::kWallet;
    case K::kHandle:
      return other == K::kEmail;
    default:
      return false;
  }
}

// Sorts and moves indices rather than selectors (five strings each).
std::vector<Selector> ResolveKinds(std::vector<Selector> all) {
  std::vector<size_t> order;
  order.reserve(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    const Selector& s = all[i];
    const bool loses = std::any_of(all.begin(), all.end(), [&](const Selector& other) {
      return LosesTo(s.kind, other.kind) && Overlaps(s, other);
    });
    if (!loses) order.push_back(i);
  }
  // By position, ties in the order found: std::sort with the index as the
  // tie-break orders as stable_sort does, without its buffer.
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return all[a].begin != all[b].begin ? all[a].begin < all[b].begin : a < b;
  });
  std::vector<Selector> kept;
  kept.reserve(order.size());
  for (size_t i : order) kept.push_back(std::move(all[i]));
  return kept;
}

void Append(std::vector<Selector>* all, std::vector<Selector> more) {
  std::move(more.begin(), more.end(), std::back_inserter(*all));
}

bool IsAsciiSpaceByte(unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); }

// Where AppendCollapsed is: passed by value so that nothing escapes to memory.
struct Cursor {
  size_t pos = 0;  // in the text
  size_t n = 0;    // bytes written
  bool pending_space = false;
};

// One character of AppendCollapsed that is not ASCII.
Cursor AppendNonAscii(std::string_view text, Cursor at, size_t start, char* dst) {
  size_t length = 0;
  const bool space = IsSpace(CodePointAt(text, at.pos, &length));
  if (!space) {
    if (at.pending_space && at.n > start) dst[at.n++] = ' ';
    std::memcpy(dst + at.n, text.data() + at.pos, length);
    at.n += length;
  }
  at.pending_space = space;
  at.pos += length;
  return at;
}

// One byte (or non-ASCII character) of AppendCollapsed, or the run of
// visible ASCII it starts.
Cursor AppendCollapsedByte(std::string_view text, size_t end, Cursor at, size_t start, char* dst) {
  const char* src = text.data();
  const auto b = static_cast<unsigned char>(src[at.pos]);
  if (b >= 0x80) return AppendNonAscii(text, at, start, dst);
  if (IsAsciiSpaceByte(b)) {
    at.pending_space = true;
    ++at.pos;
    return at;
  }
  if (at.pending_space && at.n > start) dst[at.n++] = ' ';
  at.pending_space = false;
  // A run of ASCII that is not space is copied in one go.
  size_t run = std::min(end, FindNotVisibleAscii(text, at.pos + 1));
  while (run < end) {
    const auto c = static_cast<unsigned char>(src[run]);
    if (c >= 0x80 || IsAsciiSpaceByte(c)) break;
    ++run;
  }
  std::memcpy(dst + at.n, src + at.pos, run - at.pos);
  at.n += run - at.pos;
  at.pos = run;
  return at;
}

constexpr uint32_t kChunk = 16;

// The fast path of AppendCollapsed: a chunk of kChunk ASCII bytes, read
// as masks. Each stretch of non-whitespace is copied with one 16-byte store
// (the output buffer has kChunk bytes of slack); each whitespace run only
// sets a pending space, written before the next stretch. Returns false,
// consuming nothing, when the chunk needs the byte-by-byte path (fewer than
// kChunk bytes left, or a byte >= 0x80 first). Stops before a byte >= 0x80.
bool AppendAsciiChunk(const char* src, size_t end, size_t start, Cursor* at, char* dst) {
#if defined(__SSE2__)
  if (at->pos + kChunk > end) return false;
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + at->pos));
  // Up to the first byte >= 0x80, which the byte-by-byte path reads.
  const auto high = static_cast<uint32_t>(_mm_movemask_epi8(v));
  const uint32_t limit = high == 0 ? kChunk : static_cast<uint32_t>(__builtin_ctz(high));
  if (limit == 0) return false;
  // ' ' and '\t'..'\r'.
  const __m128i white = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                     _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('\t' - 1)),
                                                   _mm_cmplt_epi8(v, _mm_set1_epi8('\r' + 1))));
  const auto whites = static_cast<uint32_t>(_mm_movemask_epi8(white));
  // Most chunks of prose: all ASCII, words apart by one ' ' and no other
  // whitespace. Such a chunk is its own collapsed form and is stored whole
  // (a space at its end is left pending: the next chunk may go on with
  // whitespace). A space first is copied only after a visible byte.
  const auto spaces =
      static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
  if (limit == kChunk && whites == spaces && (whites & (whites >> 1)) == 0 &&
      ((whites & 1) == 0 || (!at->pending_space && at->n > start))) {
    if (at->pending_space && at->n > start) dst[at->n++] = ' ';
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + at->n), v);
    const bool trailing = (whites >> (kChunk - 1)) != 0;
    at->n += trailing ? kChunk - 1 : kChunk;
    at->pending_space = trailing;
    at->pos += kChunk;
    return true;
  }
  const uint32_t others = ~whites & 0xFFFF;
  alignas(16) char chunk[2 * kChunk] = {};
  _mm_store_si128(reinterpret_cast<__m128i*>(chunk), v);
  uint32_t i = 0;
  while (i < limit) {
    const uint32_t from_i = ~0u << i;
    if ((whites >> i) & 1) {
      at->pending_space = true;
      const uint32_t next = others & from_i;
      i = next == 0 ? kChunk : static_cast<uint32_t>(__builtin_ctz(next));
      continue;
    }
    const uint32_t stop = whites & from_i;
    const uint32_t j =
        std::min(limit, stop == 0 ? kChunk : static_cast<uint32_t>(__builtin_ctz(stop)));
    if (at->pending_space && at->n > start) dst[at->n++] = ' ';
    at->pending_space = false;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + at->n),
                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk + i)));
    at->n += j - i;
    i = j;
  }
  at->pos += i;  // == limit: a byte >= 0x80 never counts as whitespace
  return true;
#else
  (void)src, (void)end, (void)start, (void)at, (void)dst;
  return false;
#endif
}

// Appends text[begin, end) to `out` with every run of Unicode whitespace
// (line breaks, tabs, no-break spaces) turned into one ASCII space, and none
// at the ends. One pass over the bytes into a buffer sized up front: the
// output is never longer than the input, but for the rest of a character
// that straddles `end` and the slack AppendAsciiChunk's stores need.
void AppendCollapsed(std::string_view text, size_t begin, size_t end, std::string* out) {
  const size_t start = out->size();
  out->resize(start + (end - begin) + 3 + kChunk);
  char* dst = out->data();
  const char* src = text.data();
  Cursor at{begin, start, false};
  while (at.pos < end) {
    if (AppendAsciiChunk(src, end, start, &at, dst)) continue;
    // A byte >= 0x80, or the last few bytes: one step byte by byte.
    at = AppendCollapsedByte(text, end, at, start, dst);
  }
  out->resize(at.n);
}

// Selectors found in normalised text, moved to the source: span and raw as
// received, snippet from the normalised text (what a reader sees).
std::vector<Selector> ToSource(std::string_view source, const NormalizedText& n,
                               std::vector<Selector> found, size_t context) {
  for (Selector& s : found) {
    s.snippet = MakeSnippet(n.text, s.begin, s.end, context);
    const auto [begin, end] = n.SourceSpan(s.begin, s.end);
    s.begin = begin;
    s.end = end;
    s.raw.assign(source.substr(begin, end - begin));  // reuses the buffer
  }
  return found;
}

// Where each field starts in the text the scorer reads.
struct JoinedText {
  std::string text;
  std::vector<size_t> offsets;

  size_t FieldAt(size_t pos) const {
    const auto it = std::upper_bound(offsets.begin(), offsets.end(), pos);
    return it == offsets.begin() ? 0 : static_cast<size_t>(it - offsets.begin()) - 1;
  }
};

}  // namespace

TextExtractor::TextExtractor(ExtractorOptions options)
    : options_(std::move(options)),
      phones_(options_.default_region, options_.accept_drama_ranges),
      places_(options_.gazetteer ? std::make_shared<const PlaceExtractor>(options_.gazetteer)
                                 : nullptr) {}

std::vector<Selector> TextExtractor::FindAll(std::string_view text) const {
  std::vector<Selector> all = phones_.Extract(text);
  Append(&all, ExtractEmails(text));
  Append(&all, ExtractPostcodes(text));
  Append(&all, ExtractHandles(text));
  Append(&all, ExtractWallets(text));
  Append(&all, ExtractBankDetails(text));
  if (places_) Append(&all, places_->Extract(text));
  return ResolveKinds(std::move(all));
}

std::vector<Selector> TextExtractor::Extract(std::string_view text, InputFormat format) const {
  const NormalizedText n = NormalizeForExtraction(text, format);
  return ToSource(text, n, FindAll(n.text), options_.snippet_context);
}

Extraction TextExtractor::ExtractDocument(std::string_view text, InputFormat format) const {
  return ExtractFields({TextField{"text", text, format}});
}

Extraction TextExtractor::ExtractFields(const std::vector<TextField>& fields) const {
  Extraction out;
  JoinedText joined;
  std::vector<NormalizedText> normalized;
  std::vector<Selector> scored;  // phones, spans in the scored text, raw as received
  normalized.reserve(fields.size());
  const bool join = options_.indicators && fields.size() > 1;
  for (size_t i = 0; i < fields.size(); ++i) {
    normalized.push_back(NormalizeForExtraction(fields[i].text, fields[i].format));
    const NormalizedText& n = normalized.back();
    // One field is scored as it is; only several are copied into one text.
    if (join && i > 0) joined.text += kFieldBreak;
    joined.offsets.push_back(joined.text.size());
    if (join) joined.text += n.text;
    std::vector<Selector> found = FindAll(n.text);  // spans in n.text
    if (options_.indicators) {
      for (const Selector& s : found) {
        // Only phones are read by the scorer's contact checks, so only they
        // are copied. It quotes spans of its own text; raw is as written, so
        // that "0️⃣7️⃣..." still reads as obscured.
        if (s.kind != SelectorKind::kPhone) continue;
        Selector& in_joined = scored.emplace_back();
        in_joined.kind = s.kind;
        in_joined.value = s.value;
        in_joined.begin = s.begin + joined.offsets.back();
        in_joined.end = s.end + joined.offsets.back();
        const auto [begin, end] = n.SourceSpan(s.begin, s.end);
        in_joined.raw = std::string(fields[i].text.substr(begin, end - begin));
        in_joined.confidence = s.confidence;
      }
    }
    std::vector<Selector> moved =
        ToSource(fields[i].text, n, std::move(found), options_.snippet_context);
    out.selectors.reserve(out.selectors.size() + moved.size());
    for (Selector& s : moved) out.selectors.push_back({i, std::move(s)});
  }
  if (!options_.indicators) return out;
  const std::string_view text =
      fields.size() == 1 ? std::string_view(normalized[0].text) : std::string_view(joined.text);
  out.indicators = options_.indicators->Score(text, scored);
  for (IndicatorHit& hit : out.indicators->hits) {
    std::vector<size_t>& where = out.match_fields.emplace_back();
    for (IndicatorMatch& m : hit.matches) {
      const size_t at = std::min(m.begin, text.size());
      const size_t field = joined.FieldAt(at);
      const size_t local = at - joined.offsets[field];
      const size_t length = std::min(m.end, text.size()) - std::min(at, m.end);
      const NormalizedText& n = normalized[field];
      const auto [begin, end] =
          n.SourceSpan(std::min(local, n.text.size()), std::min(local + length, n.text.size()));
      m.begin = begin;
      m.end = end;
      where.push_back(field);
    }
  }
  return out;
}

std::optional<std::string> TextExtractor::Normalize(SelectorKind kind,
                                                    std::string_view input) const {
  switch (kind) {
    case SelectorKind::kPhone:
      return phones_.Normalize(input);
    case SelectorKind::kEmail:
      return NormalizeEmail(input);
    case SelectorKind::kPostcode:
      return NormalizePostcode(input);
    case SelectorKind::kWallet:
      return NormalizeWallet(input);
    case SelectorKind::kBankAccount:
      return NormalizeBankAccount(input);
    case SelectorKind::kIban:
      return NormalizeIban(input);
    case SelectorKind::kPersonName:
      return NormalizePersonName(input);
    case SelectorKind::kHandle:
      return NormalizeHandleSelector(input);
    case SelectorKind::kPlace: {
      // A place as typed: the whole input must read as exactly one place.
      if (!places_) return std::nullopt;
      const std::string_view typed = TrimSpace(input);
      std::vector<Selector> found = places_->Extract(typed);
      if (found.size() != 1 || found[0].begin != 0 || found[0].end != typed.size()) {
        return std::nullopt;
      }
      return found[0].value;
    }
  }
  return std::nullopt;
}

Result<ExtractorOptions> BuildExtractorOptions(const ExtractData& data, ExtractorOptions base) {
  base.default_region = data.default_region;
  base.accept_drama_ranges = data.accept_drama_ranges;
  if (data.gazetteer_format != GazetteerFormat::kNone) {
    Result<Gazetteer> gazetteer =
        data.gazetteer_format == GazetteerFormat::kGeoNames
            ? Gazetteer::FromGeoNamesTsv(data.geonames, data.gazetteer_country)
            : Gazetteer::FromCitiesJson(data.cities, data.admin1, data.admin2,
                                        data.gazetteer_country);
    if (!gazetteer.ok()) return gazetteer.status().WithContext("gazetteer " + data.gazetteer_path);
    if (gazetteer->size() == 0) {
      return Status::InvalidArgument("gazetteer " + data.gazetteer_path +
                                     ": no places of country " + data.gazetteer_country);
    }
    base.gazetteer = std::make_shared<const Gazetteer>(std::move(*gazetteer));
  }
  if (data.indicators) {
    Result<IndicatorScorer> scorer = IndicatorScorer::Create(*data.indicators);
    if (!scorer.ok()) return scorer.status().WithContext("indicator rules");
    base.indicators = std::make_shared<const IndicatorScorer>(std::move(*scorer));
  }
  return base;
}

std::string MakeSnippet(std::string_view text, size_t begin, size_t end, size_t context) {
  end = std::min(end, text.size());
  begin = std::min(begin, end);
  // Widen to whole characters rather than cut one in half.
  const size_t from = CharStartAtOrBefore(text, begin > context ? begin - context : 0);
  const size_t to = CharEndAtOrAfter(text, end + std::min(context, text.size() - end));
  std::string snippet;
  // What AppendCollapsed resizes to, so that it never reallocates.
  snippet.reserve(to - from + 2 * kEllipsis.size() + 3 + kChunk);
  if (from > 0) snippet += kEllipsis;
  AppendCollapsed(text, from, to, &snippet);
  if (to < text.size()) snippet += kEllipsis;
  return snippet;
}

}  // namespace harrier::extractors
