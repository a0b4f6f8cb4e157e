// Sitemap parsing. XML goes through libxml2's SAX interface with our own
// handler: no tree is built (a 50 MB sitemap costs little more than its URL
// list), and the parse stops at the first <!DOCTYPE>. Sitemaps have no DTD,
// so refusing one closes entity expansion (billion laughs) and external
// entities (XXE) outright, before a single declaration is read; NONET and
// the absence of NOENT, DTDLOAD and HUGE are the second line.
#include "scrapers/sitemap.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <climits>
#include <mutex>
#include <optional>

#include "scrapers/content_decoder.h"
#include "scrapers/url.h"

namespace harrier::scrapers {
namespace {

// A <loc> longer than this is no URL we would fetch (url.cc refuses 4 KiB).
constexpr size_t kMaxLocBytes = 8192;
// Skipped entries are reported one by one up to this many, then counted.
constexpr size_t kMaxWarnings = 100;

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimXmlSpace(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

// For warnings: a bounded, printable excerpt of what was skipped.
std::string Excerpt(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 80)) {
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  if (s.size() > 80) out += "...";
  return out;
}

// Collects accepted URLs and warnings for both XML and text sitemaps.
class Collector {
 public:
  Collector(const std::string& base, const SitemapLimits& limits) : base_(base), limits_(limits) {}

  // Returns false once max_urls is reached and `raw` would have been added.
  bool Add(std::string_view raw, bool require_absolute) {
    const std::string_view text = TrimXmlSpace(raw);
    std::optional<std::string> url;
    if (text.empty()) {
      Warn("skipped an empty entry");
      return true;
    }
    if (text.size() <= kMaxLocBytes && (!require_absolute || IsAbsoluteHttp(text))) {
      url = ResolveUrl(base_, text);
    }
    if (!url) {
      Warn("skipped \"" + Excerpt(text) + "\": not an http(s) URL");
      return true;
    }
    if (result_.urls.size() >= limits_.max_urls) {
      truncated_ = true;
      return false;
    }
    result_.urls.push_back(std::move(*url));
    return true;
  }

  void Warn(std::string warning) {
    ++skipped_;
    if (result_.warnings.size() < kMaxWarnings) result_.warnings.push_back(std::move(warning));
  }

  Sitemap Finish() {
    if (skipped_ > result_.warnings.size()) {
      result_.warnings.push_back(std::to_string(skipped_ - result_.warnings.size()) +
                                 " more entries skipped");
    }
    if (truncated_) {
      result_.warnings.push_back("sitemap lists more than " + std::to_string(limits_.max_urls) +
                                 " URLs; kept the first " + std::to_string(limits_.max_urls));
    }
    return std::move(result_);
  }

  bool empty() const { return result_.urls.empty(); }
  size_t skipped() const { return skipped_; }
  void set_index(bool is_index) { result_.is_index = is_index; }

 private:
  static bool IsAbsoluteHttp(std::string_view s) {
    auto starts = [s](std::string_view prefix) {
      if (s.size() < prefix.size()) return false;
      for (size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
      }
      return true;
    };
    return starts("http://") || starts("https://");
  }

  const std::string& base_;
  const SitemapLimits& limits_;
  Sitemap result_;
  size_t skipped_ = 0;
  bool truncated_ = false;
};

// ---- XML through SAX. ----

struct SaxState {
  xmlParserCtxtPtr ctxt = nullptr;
  Collector* collector = nullptr;
  int depth = 0;        // elements open
  std::string root_ns;  // the root's namespace URI ("" for none)
  bool is_index = false;
  bool root_seen = false;
  bool entry_ok = false;  // the open depth-1 element is <url> / <sitemap>
  bool in_loc = false;
  std::string loc;
  std::string refusal;        // why we stopped the parse, "" if we did not
  bool stopped_full = false;  // stopped because max_urls was reached
  std::string first_error;
};

std::string_view Str(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

void Stop(SaxState* st, std::string why) {
  if (st->refusal.empty() && !st->stopped_full) st->refusal = std::move(why);
  xmlStopParser(st->ctxt);
}

void OnStartElement(void* ctx, const xmlChar* localname, const xmlChar* /*prefix*/,
                    const xmlChar* uri, int /*nb_namespaces*/, const xmlChar** /*namespaces*/,
                    int /*nb_attributes*/, int /*nb_defaulted*/, const xmlChar** /*attributes*/) {
  auto* st = static_cast<SaxState*>(ctx);
  const int d = st->depth++;
  const std::string_view name = Str(localname);
  // Namespace-agnostic: any namespace (or none) on the root, as long as the
  // entries and their <loc> are in the same one; that keeps extension
  // elements such as <image:loc> inside <image:image> out.
  if (d == 0) {
    if (name != "urlset" && name != "sitemapindex") {
      Stop(st, "not a sitemap: root element <" + Excerpt(name) + ">");
      return;
    }
    st->root_seen = true;
    st->is_index = name == "sitemapindex";
    st->root_ns = std::string(Str(uri));
  } else if (d == 1) {
    st->entry_ok = name == (st->is_index ? "sitemap" : "url") && Str(uri) == st->root_ns;
  } else if (d == 2 && st->entry_ok && name == "loc" && Str(uri) == st->root_ns) {
    st->in_loc = true;
    st->loc.clear();
  }
}

void OnEndElement(void* ctx, const xmlChar* /*localname*/, const xmlChar* /*prefix*/,
                  const xmlChar* /*uri*/) {
  auto* st = static_cast<SaxState*>(ctx);
  const int d = --st->depth;
  if (d == 2 && st->in_loc) {
    st->in_loc = false;
    if (!st->collector->Add(st->loc, /*require_absolute=*/false)) {
      st->stopped_full = true;  // nothing after this can be kept
      xmlStopParser(st->ctxt);
    }
  } else if (d == 1) {
    st->entry_ok = false;
  }
}

void OnCharacters(void* ctx, const xmlChar* ch, int len) {
  auto* st = static_cast<SaxState*>(ctx);
  if (!st->in_loc || st->loc.size() > kMaxLocBytes) return;  // too long: Add refuses it
  st->loc.append(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
}

void OnDoctype(void* ctx, const xmlChar* name, const xmlChar* /*external_id*/,
               const xmlChar* /*system_id*/) {
  auto* st = static_cast<SaxState*>(ctx);
  Stop(st, "not a sitemap: document has a <!DOCTYPE " + Excerpt(Str(name)) +
               ">, refused (sitemaps have no DTD; entities are never expanded)");
}

xmlEntityPtr OnGetEntity(void* /*ctx*/, const xmlChar* /*name*/) {
  return nullptr;  // only the predefined entities (&amp; ...) exist
}

void OnError(void* ctx, xmlErrorPtr error) {
  auto* st = static_cast<SaxState*>(ctx);
  if (error == nullptr || error->level < XML_ERR_ERROR || !st->first_error.empty()) return;
  std::string msg(Str(reinterpret_cast<const xmlChar*>(error->message)));
  while (!msg.empty() && IsXmlSpace(msg.back())) msg.pop_back();
  st->first_error = "line " + std::to_string(error->line) + ": " + msg;
}

Result<Sitemap> ParseXml(std::string_view xml, Collector* collector) {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  if (xml.size() > INT_MAX) return Status::Rejected("sitemap too large for the XML parser");

  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = OnStartElement;
  sax.endElementNs = OnEndElement;
  sax.characters = OnCharacters;
  sax.cdataBlock = OnCharacters;
  sax.internalSubset = OnDoctype;
  sax.getEntity = OnGetEntity;
  sax.getParameterEntity = OnGetEntity;
  sax.serror = OnError;

  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(xml.data(), static_cast<int>(xml.size()));
  if (ctxt == nullptr) return Status::Internal("libxml2: cannot create a parser context");
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  // Library-wide defaults could have been changed elsewhere in the process;
  // pin the ones that matter for hostile input.
  ctxt->replaceEntities = 0;
  ctxt->loadsubset = 0;
  ctxt->validate = 0;
  SaxState st;
  st.ctxt = ctxt;
  st.collector = collector;
  xmlSAXHandlerPtr old_sax = ctxt->sax;
  ctxt->sax = &sax;
  ctxt->userData = &st;
  xmlParseDocument(ctxt);
  const bool well_formed = ctxt->wellFormed != 0;
  ctxt->sax = old_sax;
  ctxt->userData = ctxt;
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);  // SAX-compat leftovers
  ctxt->myDoc = nullptr;
  xmlFreeParserCtxt(ctxt);

  if (!st.refusal.empty()) return Status::InvalidArgument(st.refusal);
  if (!st.root_seen) {
    return Status::InvalidArgument("not a sitemap: no <urlset> or <sitemapindex>" +
                                   (st.first_error.empty() ? "" : " (" + st.first_error + ")"));
  }
  collector->set_index(st.is_index);
  if (!well_formed && !st.stopped_full) {
    // Keep what was read before the error: a stray "&" late in a big
    // sitemap should not lose every URL before it.
    collector->Warn("XML error, rest of the sitemap skipped: " +
                    (st.first_error.empty() ? std::string("not well-formed") : st.first_error));
  }
  return collector->Finish();
}

// ---- Plain text: one absolute URL per line (sitemaps.org "Text file"). ----

Result<Sitemap> ParseText(std::string_view text, Collector* collector) {
  size_t lines = 0;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (TrimXmlSpace(line).empty()) continue;
    ++lines;
    if (!collector->Add(line, /*require_absolute=*/true)) break;
  }
  // Prose, JSON or binary is no URL list: refuse it rather than return
  // nothing but warnings.
  if (lines > 0 && collector->empty()) {
    return Status::InvalidArgument("not a sitemap: no line is an http(s) URL");
  }
  return collector->Finish();
}

bool LooksLikeXml(std::string_view s) {
  if (s.substr(0, 2) == "\xFF\xFE" || s.substr(0, 2) == "\xFE\xFF") return true;  // UTF-16
  return !s.empty() && s[0] == '<';
}

}  // namespace

Result<Sitemap> ParseSitemap(std::string_view body, const std::string& sitemap_url,
                             const SitemapLimits& limits) {
  // A .xml.gz is gzip whatever the server said. The cap holds for the decoded
  // size (and for a plain body), so a gzip bomb stops at it. A plain body is
  // parsed in place rather than copied.
  const bool gzip = body.size() >= 2 && body[0] == '\x1f' && body[1] == '\x8b';
  std::string decoded;
  std::string_view doc = body;
  if (gzip || static_cast<int64_t>(body.size()) > limits.max_decoded_bytes) {
    Result<std::string> d = DecodeAll("auto", body, limits.max_decoded_bytes);
    if (!d.ok()) return d.status().WithContext("sitemap " + sitemap_url);
    decoded = std::move(d).value();
    doc = decoded;
  }
  if (doc.substr(0, 3) == "\xEF\xBB\xBF") doc.remove_prefix(3);
  // Leading blank lines before "<?xml" are a common generator bug that
  // libxml2 would reject.
  while (!doc.empty() && IsXmlSpace(doc.front())) doc.remove_prefix(1);
  Collector collector(sitemap_url, limits);
  Result<Sitemap> parsed =
      LooksLikeXml(doc) ? ParseXml(doc, &collector) : ParseText(doc, &collector);
  if (!parsed.ok()) return parsed.status().WithContext("sitemap " + sitemap_url);
  return parsed;
}

}  // namespace harrier::scrapers
