#include "registry_import/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace harrier::registry_import {
namespace {

struct Read {
  std::vector<CsvRecord> records;
  std::vector<std::string> errors;
};

// Tiny chunks, so every quote, CR and LF falls on a chunk boundary somewhere.
Read ReadAll(const std::string& text, size_t chunk = 3, size_t max_record = 1 << 20) {
  std::istringstream in(text);
  ChunkSource source(in, chunk);
  CsvReader reader(source, max_record);
  Read out;
  CsvRecord r;
  while (true) {
    Result<bool> more = reader.Next(&r);
    if (!more.ok()) {
      out.errors.push_back(more.status().message());
      continue;
    }
    if (!*more) break;
    out.records.push_back(r);
  }
  return out;
}

TEST(CsvReaderTest, QuotedCommasDoubledQuotesAndNewlinesAcrossChunks) {
  const Read r = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n\"x\",,plain\r\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].fields, (std::vector<std::string>{"a,b", "say \"hi\"", "line1\nline2"}));
  EXPECT_EQ(r.records[0].line, 1);
  EXPECT_EQ(r.records[1].fields, (std::vector<std::string>{"x", "", "plain"}));
  EXPECT_EQ(r.records[1].line, 3);  // the first record spans two lines
}

TEST(CsvReaderTest, MalformedRecordIsReportedWithItsLineAndSkipped) {
  const Read r = ReadAll("\"ok\",\"1\"\n\"bad\"x,\"2\"\nun\"quoted,3\n\"ok\",\"4\"\n");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], "line 2: text after the closing quote of field 1");
  EXPECT_EQ(r.errors[1], "line 3: quote inside an unquoted field 1");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].fields, (std::vector<std::string>{"ok", "4"}));
  EXPECT_EQ(r.records[1].line, 4);
}

TEST(CsvReaderTest, UnclosedQuoteAndOverlongRecordsAreErrorsNotUnboundedMemory) {
  const Read unclosed = ReadAll("\"a\",\"b\n");
  ASSERT_EQ(unclosed.errors.size(), 1u);
  EXPECT_EQ(unclosed.errors[0], "line 1: quote never closed");
  const Read longer = ReadAll("\"" + std::string(100, 'x') + "\"\n\"ok\"\n", 7, 50);
  ASSERT_EQ(longer.errors.size(), 1u);
  EXPECT_EQ(longer.errors[0], "line 1: record longer than 50 bytes");
  ASSERT_EQ(longer.records.size(), 1u);
  EXPECT_EQ(longer.records[0].fields, std::vector<std::string>{"ok"});
}

TEST(CsvReaderTest, LastLineWithoutNewlineIsARecord) {
  const Read r = ReadAll("\"a\"\n\"b\"");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].fields, std::vector<std::string>{"b"});
}

}  // namespace
}  // namespace harrier::registry_import
