// `harrier extract`: plain text and HTML in, selectors and indicator rules
// out; JSON lines in and out with the ids kept and bad lines named and
// skipped.
#include "cli/extract.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "config/extract_data.h"
#include "config/loader.h"

namespace harrier::cli {
namespace {

using nlohmann::json;

const std::string kSourceDir = HARRIER_SOURCE_DIR;

// The extractor the shipped config gives: the installed gazetteer and the
// shipped indicator rules.
const extractors::TextExtractor& Shipped() {
  static const extractors::TextExtractor* extractor = [] {
    Result<config::HarrierConfig> cfg = config::LoadConfig(kSourceDir + "/config/harrier.toml");
    EXPECT_TRUE(cfg.ok()) << cfg.status().ToString();
    Result<ExtractData> data = config::LoadExtractData(cfg->extract);
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    Result<extractors::ExtractorOptions> options = extractors::BuildExtractorOptions(*data);
    EXPECT_TRUE(options.ok()) << options.status().ToString();
    return new extractors::TextExtractor(*options);
  }();
  return *extractor;
}

struct Outcome {
  Status status;
  std::string out;
  std::string err;
};

Outcome Extract(const ExtractRequest& request, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out, err;
  Outcome run;
  run.status = CmdExtract(Shipped(), request, in, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

std::vector<json> Lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

TEST(ExtractCommandTest, JsonLinesKeepIdsAndListEveryKind) {
  ExtractRequest request;
  request.jsonl = true;
  const std::string input =
      R"({"id": "a1", "text": "Leeds. Call 07700 900123 or 07700-900-123, snap: jess_99"})"
      "\n"
      R"({"id": 7, "text": "<p>Mail <b>jo</b>@example.com</p>", "format": "html"})"
      "\n\n"
      R"({"id": "a3", "text": "Pay GB33 BUKB 2020 1555 5555 55 or sort code 11-22-33 acc 44556677"})"
      "\n";
  const Outcome run = Extract(request, input);
  ASSERT_TRUE(run.status.ok()) << run.err;
  const std::vector<json> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["id"], "a1");
  // One number written twice is one value in the list; both mentions are
  // in "selectors".
  EXPECT_EQ(lines[0]["phones"], json::array({"+447700900123"}));
  EXPECT_EQ(lines[0]["handles"], json::parse(R"([{"platform":"snapchat","handle":"jess_99"}])"));
  EXPECT_EQ(lines[0]["places"], json::array({"Leeds"}));
  EXPECT_EQ(lines[0]["selectors"].size(), 4u);
  EXPECT_EQ(lines[1]["id"], 7);
  EXPECT_EQ(lines[1]["emails"], json::array({"jo@example.com"}));
  EXPECT_EQ(lines[2]["ibans"], json::array({"GB33BUKB20201555555555"}));
  // The IBAN's own account is linked in the store but listed as the IBAN.
  EXPECT_EQ(lines[2]["accounts"], json::array({"11-22-33 44556677"}));
  EXPECT_EQ(lines[2]["sort_codes"], json::array({"11-22-33"}));
  for (const json& line : lines) {
    for (const char* key : {"phones", "emails", "postcodes", "places", "wallets", "handles",
                            "sort_codes", "accounts", "ibans", "indicators"}) {
      EXPECT_TRUE(line[key].is_array()) << key;
    }
    EXPECT_EQ(line["ruleset"], "2026-12-06.1");
  }
}

TEST(ExtractCommandTest, IndicatorsComeWithTheRuleAndTheTextThatFiredThem) {
  ExtractRequest request;
  request.jsonl = true;
  const Outcome run = Extract(
      request,
      R"({"id": "x", "text": "She is waiting for you, available 24/7. Call zero seven seven zero zero nine zero zero one two three"})");
  ASSERT_TRUE(run.status.ok()) << run.err;
  const json line = Lines(run.out).at(0);
  EXPECT_EQ(line["phones"], json::array({"+447700900123"}));
  std::map<std::string, json> hits;
  for (const json& hit : line["indicators"]) hits[hit["id"]] = hit;
  ASSERT_TRUE(hits.count("T01")) << line.dump();
  EXPECT_EQ(hits["T01"]["matches"][0]["text"], "She is waiting for you");
  EXPECT_TRUE(hits["T01"]["counted"].get<bool>());
  ASSERT_TRUE(hits.count("C01")) << line.dump();  // the number written in words
  EXPECT_EQ(hits["C01"]["matches"][0]["value"], "+447700900123");
  ASSERT_TRUE(hits.count("T08"));
  EXPECT_GE(line["score"].get<int>(), 5);
  EXPECT_FALSE(line["rationale"].is_string());  // per hit, never one bare figure
  EXPECT_TRUE(hits["T01"]["rationale"].is_string());
}

TEST(ExtractCommandTest, BadLinesAreNamedAndSkippedAndTheRestIsProcessed) {
  ExtractRequest request;
  request.jsonl = true;
  const Outcome run = Extract(request,
                              "{\"id\": 1, \"text\": \"07700 900123\"}\n"
                              "not json\n"
                              "{\"id\": 3}\n"
                              "{\"id\": 4, \"text\": \"x\", \"format\": \"pdf\"}\n"
                              "{\"id\": 5, \"text\": \"07700 900124\"}\n");
  EXPECT_EQ(run.status.code(), StatusCode::kInvalidArgument);
  const std::vector<json> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["id"], 1);
  EXPECT_EQ(lines[1]["id"], 5);
  EXPECT_NE(run.err.find("<stdin>:2: not JSON"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("<stdin>:3: expected an object with a string \"text\""), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("<stdin>:4: format must be"), std::string::npos) << run.err;
}

TEST(ExtractCommandTest, PlainOutputShowsSelectorsAndIndicatorsWithoutControlCharacters) {
  ExtractRequest request;
  const Outcome run =
      Extract(request, "She is waiting for you \x1b[2J in Leeds, call 07700 900123\n");
  ASSERT_TRUE(run.status.ok()) << run.err;
  EXPECT_NE(run.out.find("+447700900123"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("T01"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("orders the review queue"), std::string::npos);
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
}

TEST(ExtractCommandTest, HtmlIsDetectedOrForcedAndFilesAreRead) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "harrier_extract_test";
  std::filesystem::create_directories(dir);
  const std::string page = (dir / "advert.html").string();
  std::ofstream(page) << "<html><body><p>07700</p> <span>900</span>123</body></html>";
  ExtractRequest request;
  request.json = true;
  request.files = {page, (dir / "missing.txt").string()};
  const Outcome run = Extract(request, "");
  EXPECT_EQ(run.status.code(), StatusCode::kInvalidArgument);  // the missing file
  EXPECT_NE(run.err.find("missing.txt: cannot be read"), std::string::npos) << run.err;
  const std::vector<json> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["source"], page);
  EXPECT_EQ(lines[0]["phones"], json::array({"+447700900123"}));  // <p> ends a line

  request.files = {page};
  request.format = "text";  // tags read as text: no number survives them
  const Outcome as_text = Extract(request, "");
  EXPECT_EQ(Lines(as_text.out).at(0)["phones"], json::array());
  request.format = "xml";
  EXPECT_EQ(Extract(request, "").status.code(), StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace harrier::cli
