// An RFC 4180 CSV reader over a ChunkSource: quoted fields, doubled quotes,
// commas and newlines inside quotes, CRLF or LF line ends. Memory is bounded
// by the longest record (max_record_bytes), never by the file.
#ifndef HARRIER_REGISTRY_IMPORT_CSV_READER_H_
#define HARRIER_REGISTRY_IMPORT_CSV_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry_import/chunk_source.h"

namespace harrier::registry_import {

struct CsvRecord {
  std::vector<std::string> fields;
  int64_t line = 0;  // 1-based physical line the record starts on
};

class CsvReader {
 public:
  explicit CsvReader(ChunkSource& source, size_t max_record_bytes = 1 << 20)
      : source_(source), max_record_bytes_(max_record_bytes) {}

  // Reads the next record. False at the end of input. A malformed record (a
  // quote inside an unquoted field, text after a closing quote, a record
  // over max_record_bytes, a quote never closed) is Corrupt with its line
  // number, and the reader has already skipped to the next line, so the
  // caller reports it and calls Next again.
  Result<bool> Next(CsvRecord* record);

 private:
  bool Fill();
  Status Malformed(int64_t line, const std::string& why);

  ChunkSource& source_;
  size_t max_record_bytes_;
  std::string_view chunk_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  bool eof_ = false;
};

}  // namespace harrier::registry_import

#endif  // HARRIER_REGISTRY_IMPORT_CSV_READER_H_
