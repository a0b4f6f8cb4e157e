// Extraction throughput on advert text: builds a corpus of >= 20 MB by
// cycling documents of about --doc-bytes bytes (consecutive labelled texts
// joined with blank lines, as real adverts of 0.5-3 KB hold several
// paragraphs; --doc-bytes 0 keeps one labelled text per document) and the
// <main> part of the demo site's advert pages when a directory is given, runs
// TextExtractor::ExtractDocument (normalisation, every extractor and, with --config, the
// gazetteer's places and the indicator score) over every document on one thread and prints MB/s per
// core, documents/s and the selectors found per kind. Plain std::chrono timing; the best of
// --repeat runs counts.
//
// Usage: extract_throughput LABELS.jsonl [ADVERT_DIR] [--mb N] [--repeat N]
//                           [--doc-bytes N] [--config harrier.toml]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/extract_data.h"
#include "config/loader.h"
#include "core/selector.h"
#include "extractors/text_extractor.h"

namespace {

struct Flags {
  std::string labels;
  std::string advert_dir;
  double min_mb = 20;
  int repeat = 3;
  size_t doc_bytes = 1500;  // labelled texts joined up to this size; 0: one text per document
  std::string config;       // harrier.toml: the daemon's extractor, places and indicators
};

bool ParseFlags(int argc, char** argv, Flags* flags) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--mb" && i + 1 < argc) {
      flags->min_mb = std::atof(argv[++i]);
    } else if (arg == "--config" && i + 1 < argc) {
      flags->config = argv[++i];
    } else if (arg == "--doc-bytes" && i + 1 < argc) {
      flags->doc_bytes = static_cast<size_t>(std::max(0L, std::atol(argv[++i])));
    } else if (arg == "--repeat" && i + 1 < argc) {
      flags->repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.empty() || positional.size() > 2) return false;
  flags->labels = positional[0];
  if (positional.size() == 2) flags->advert_dir = positional[1];
  return true;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

// The "text" of every line of the labelled JSONL file.
bool LoadLabelledTexts(const std::string& path, std::vector<std::string>* texts) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.contains("text")) return false;
    texts->push_back(record["text"].get<std::string>());
  }
  return !texts->empty();
}

// Consecutive texts joined with "\n\n" into documents of at least
// `doc_bytes` bytes (the last one may be shorter); `texts` as they are when
// `doc_bytes` is 0.
std::vector<std::string> JoinTexts(const std::vector<std::string>& texts, size_t doc_bytes) {
  if (doc_bytes == 0) return texts;
  std::vector<std::string> docs;
  std::string doc;
  for (const std::string& text : texts) {
    if (!doc.empty()) doc += "\n\n";
    doc += text;
    if (doc.size() >= doc_bytes) docs.push_back(std::move(doc)), doc.clear();
  }
  if (!doc.empty()) docs.push_back(std::move(doc));
  return docs;
}

// The <main>...</main> part of each demo-site advert page, markup included.
void LoadAdverts(const std::string& dir, std::vector<std::string>* texts) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".html") continue;
    std::string page;
    if (!ReadFile(entry.path().string(), &page)) continue;
    size_t begin = page.find("<main");
    size_t end = page.find("</main>");
    if (begin == std::string::npos || end == std::string::npos || end < begin) continue;
    texts->push_back(page.substr(begin, end + 7 - begin));
  }
}

// Documents cycled from `texts` until they hold at least `min_bytes`.
std::vector<std::string_view> BuildCorpus(const std::vector<std::string>& texts, size_t min_bytes,
                                          size_t* total) {
  std::vector<std::string_view> docs;
  *total = 0;
  for (size_t i = 0; *total < min_bytes; i = (i + 1) % texts.size()) {
    docs.emplace_back(texts[i]);
    *total += texts[i].size();
  }
  return docs;
}

// The extractor harrierd builds from `config_path`; the defaults (no places,
// no indicators) without one.
harrier::Result<harrier::extractors::TextExtractor> MakeExtractor(const std::string& config_path) {
  if (config_path.empty()) return harrier::extractors::TextExtractor();
  auto cfg = harrier::config::LoadConfig(config_path);
  if (!cfg.ok()) return cfg.status();
  auto data = harrier::config::LoadExtractData(cfg->extract);
  if (!data.ok()) return data.status();
  auto options = harrier::extractors::BuildExtractorOptions(*data);
  if (!options.ok()) return options.status();
  return harrier::extractors::TextExtractor(std::move(*options));
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) {
    std::fprintf(stderr,
                 "usage: extract_throughput LABELS.jsonl [ADVERT_DIR] [--mb N] [--repeat N]\n"
                 "                          [--doc-bytes N] [--config harrier.toml]\n");
    return 2;
  }
  std::vector<std::string> texts;
  if (!LoadLabelledTexts(flags.labels, &texts)) {
    std::fprintf(stderr, "extract_throughput: cannot read labelled texts from %s\n",
                 flags.labels.c_str());
    return 2;
  }
  const size_t labelled_texts = texts.size();
  texts = JoinTexts(texts, flags.doc_bytes);
  size_t labelled = texts.size();
  // Texts of a labelled set without any text (an empty file stands for none)
  // are left out, so that the adverts alone can be measured.
  if (labelled == 1 && texts[0].empty()) texts.clear(), labelled = 0;
  if (!flags.advert_dir.empty()) LoadAdverts(flags.advert_dir, &texts);
  if (texts.empty()) {
    std::fprintf(stderr, "extract_throughput: no text to extract from\n");
    return 2;
  }
  size_t bytes = 0;
  std::vector<std::string_view> docs =
      BuildCorpus(texts, static_cast<size_t>(flags.min_mb * 1024 * 1024), &bytes);

  auto made = MakeExtractor(flags.config);
  if (!made.ok()) {
    std::fprintf(stderr, "extract_throughput: %s\n", made.status().ToString().c_str());
    return 2;
  }
  const harrier::extractors::TextExtractor& extractor = *made;
  std::vector<harrier::extractors::InputFormat> formats;
  for (std::string_view doc : docs) {
    formats.push_back(harrier::extractors::LooksLikeHtml(doc)
                          ? harrier::extractors::InputFormat::kHtml
                          : harrier::extractors::InputFormat::kText);
  }
  double best_seconds = 0;
  std::map<std::string, size_t> found;
  for (int run = 0; run < flags.repeat; ++run) {
    std::map<std::string, size_t> counts;
    auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < docs.size(); ++i) {
      const harrier::extractors::Extraction found = extractor.ExtractDocument(docs[i], formats[i]);
      for (const harrier::extractors::FieldSelector& s : found.selectors) {
        ++counts[std::string(harrier::SelectorKindName(s.selector.kind))];
      }
      if (found.indicators) counts["indicator hits"] += found.indicators->hits.size();
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (run == 0 || elapsed.count() < best_seconds) best_seconds = elapsed.count();
    found = counts;
  }
  double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  size_t total_found = 0;
  for (const auto& [kind, n] : found) total_found += n;
  std::printf(
      "corpus: %.1f MB, %zu documents (%zu labelled texts in %zu documents of ~%zu bytes, "
      "%zu adverts, cycled)\n",
      mb, docs.size(), labelled_texts, labelled, flags.doc_bytes, texts.size() - labelled);
  std::printf("extractor: %s, %s; allocator: %s\n",
              extractor.extracts_places() ? "places" : "no places",
              extractor.scores_indicators() ? "indicator scoring" : "no indicator scoring",
              HARRIER_ALLOCATOR);
  std::printf("best of %d runs: %.3f s, %.1f MB/s on one core, %.0f documents/s\n", flags.repeat,
              best_seconds, mb / best_seconds, static_cast<double>(docs.size()) / best_seconds);
  std::printf("selectors found per run: %zu", total_found);
  for (const auto& [kind, n] : found) std::printf(", %s %zu", kind.c_str(), n);
  std::printf("\n");
  return 0;
}
