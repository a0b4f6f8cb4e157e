#include "registry_import/psc_snapshot.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace harrier::registry_import {

using json = nlohmann::json;

namespace {

std::string Str(const json& o, const char* key) {
  if (!o.is_object()) return "";
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t Int(const json& o, const char* key) {
  if (!o.is_object()) return 0;
  const auto it = o.find(key);
  return it != o.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

bool IsPscKind(std::string_view kind) {
  return kind.find("person-with-significant-control") != std::string_view::npos ||
         kind.find("beneficial-owner") != std::string_view::npos;
}

}  // namespace

Result<bool> LineReader::Next(std::string* line) {
  line->clear();
  bool too_long = false, any = false;
  while (true) {
    if (pos_ >= chunk_.size()) {
      if (eof_) break;
      chunk_ = source_.Next();
      pos_ = 0;
      if (chunk_.empty()) {
        eof_ = true;
        break;
      }
    }
    any = true;
    const size_t nl = chunk_.find('\n', pos_);
    const size_t end = nl == std::string_view::npos ? chunk_.size() : nl;
    if (!too_long) {
      if (line->size() + (end - pos_) > max_line_bytes_) {
        too_long = true;
        line->clear();
      } else {
        line->append(chunk_.substr(pos_, end - pos_));
      }
    }
    pos_ = end;
    if (nl != std::string_view::npos) {
      ++pos_;
      break;
    }
  }
  if (!any) return false;
  ++line_number_;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  if (too_long) {
    return Status::Corrupt("line " + std::to_string(line_number_) + ": longer than " +
                           std::to_string(max_line_bytes_) + " bytes");
  }
  return true;
}

Result<PscSnapshotLine> ParsePscSnapshotLine(std::string_view line) {
  json doc = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument("not JSON");
  if (!doc.is_object() || !doc.contains("data") || !doc["data"].is_object()) {
    return Status::InvalidArgument("no data object");
  }
  const json& data = doc["data"];
  PscSnapshotLine out;
  out.data_kind = Str(data, "kind");
  if (out.data_kind.rfind("totals#", 0) == 0) {
    out.kind = PscSnapshotLine::Kind::kTotals;
    out.totals = {Int(data, "persons_of_significant_control_count"), Int(data, "statements_count"),
                  Int(data, "exemptions_count"), Str(data, "generated_at")};
    return out;
  }
  const std::string number = Str(doc, "company_number");
  if (number.empty()) return Status::InvalidArgument("no company_number");
  if (out.data_kind == "persons-with-significant-control-statement") {
    out.kind = PscSnapshotLine::Kind::kStatement;
  } else if (out.data_kind == "exemptions") {
    out.kind = PscSnapshotLine::Kind::kExemptions;
  } else if (IsPscKind(out.data_kind)) {
    out.kind = PscSnapshotLine::Kind::kPsc;
    out.psc = ParsePscItem(data);
    out.psc.company_number = number;
  }
  return out;
}

}  // namespace harrier::registry_import
