#include "registry_import/csv_reader.h"

namespace harrier::registry_import {

bool CsvReader::Fill() {
  if (pos_ < chunk_.size()) return true;
  if (eof_) return false;
  chunk_ = source_.Next();
  pos_ = 0;
  if (chunk_.empty()) eof_ = true;
  return !eof_;
}

// Skips to the start of the next line so one bad record costs one record.
Status CsvReader::Malformed(int64_t line, const std::string& why) {
  while (Fill()) {
    const size_t nl = chunk_.find('\n', pos_);
    if (nl != std::string_view::npos) {
      pos_ = nl + 1;
      ++line_;
      break;
    }
    pos_ = chunk_.size();
  }
  return Status::Corrupt("line " + std::to_string(line) + ": " + why);
}

Result<bool> CsvReader::Next(CsvRecord* record) {
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  record->fields.clear();
  record->line = line_;
  if (!Fill()) return false;
  std::string field;
  State state = State::kFieldStart;
  size_t record_bytes = 0;
  while (true) {
    if (!Fill()) {
      if (state == State::kQuoted) return Malformed(record->line, "quote never closed");
      record->fields.push_back(std::move(field));
      return true;
    }
    const char c = chunk_[pos_++];
    if (++record_bytes > max_record_bytes_) {
      const std::string why = "record longer than " + std::to_string(max_record_bytes_) + " bytes";
      if (c == '\n') {  // already at the next line
        ++line_;
        return Status::Corrupt("line " + std::to_string(record->line) + ": " + why);
      }
      return Malformed(record->line, why);
    }
    switch (state) {
      case State::kFieldStart:
      case State::kUnquoted:
        if (c == ',' || c == '\n') {
          record->fields.push_back(std::move(field));
          field.clear();
          state = State::kFieldStart;
          if (c == '\n') {
            ++line_;
            return true;
          }
        } else if (c == '"') {
          if (state == State::kUnquoted) {
            return Malformed(record->line, "quote inside an unquoted field " +
                                               std::to_string(record->fields.size() + 1));
          }
          state = State::kQuoted;
        } else if (c != '\r') {
          field += c;
          state = State::kUnquoted;
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state = State::kQuoteInQuoted;
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {  // a doubled quote is one quote
          field += '"';
          state = State::kQuoted;
        } else if (c == ',' || c == '\n') {
          record->fields.push_back(std::move(field));
          field.clear();
          state = State::kFieldStart;
          if (c == '\n') {
            ++line_;
            return true;
          }
        } else if (c != '\r') {
          return Malformed(record->line, "text after the closing quote of field " +
                                             std::to_string(record->fields.size() + 1));
        }
        break;
    }
  }
}

}  // namespace harrier::registry_import
