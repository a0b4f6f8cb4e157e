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

registry::Address ParseAddress(const json& a) {
  return {Str(a, "care_of"),        Str(a, "po_box"),         Str(a, "premises"),
          Str(a, "address_line_1"), Str(a, "address_line_2"), Str(a, "locality"),
          Str(a, "region"),         Str(a, "postal_code"),    Str(a, "country")};
}

// {month: 3, year: 1979} -> "1979-03".
std::string BirthMonth(const json& dob) {
  const int64_t year = Int(dob, "year"), month = Int(dob, "month");
  if (year <= 0 || year > 9999) return "";
  char buf[32];
  if (month < 1 || month > 12) {
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(year));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld", static_cast<long long>(year),
                  static_cast<long long>(month));
  }
  return buf;
}

registry::PartyKind KindOf(std::string_view kind) {
  if (kind.find("super-secure") != std::string_view::npos) return registry::PartyKind::kSuperSecure;
  if (kind.find("corporate") != std::string_view::npos) return registry::PartyKind::kCorporate;
  if (kind.find("legal-person") != std::string_view::npos) {
    return registry::PartyKind::kLegalPerson;
  }
  return registry::PartyKind::kPerson;
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

registry::Psc ParsePscItem(const json& item) {
  registry::Psc p;
  if (!item.is_object()) return p;
  const std::string kind = Str(item, "kind");
  p.kind = KindOf(kind);
  p.name = Str(item, "name");
  p.nationality = Str(item, "nationality");
  p.country_of_residence = Str(item, "country_of_residence");
  if (item.contains("date_of_birth")) p.date_of_birth = BirthMonth(item["date_of_birth"]);
  if (const auto n = item.find("natures_of_control"); n != item.end() && n->is_array()) {
    for (const json& v : *n) {
      if (v.is_string()) p.natures_of_control.push_back(v.get<std::string>());
    }
  }
  p.notified_on = Str(item, "notified_on");
  p.ceased_on = Str(item, "ceased_on");
  if (item.contains("address")) p.address = ParseAddress(item["address"]);
  if (item.contains("identification")) {
    p.registration_number = Str(item["identification"], "registration_number");
  }
  p.etag = Str(item, "etag");
  if (item.contains("links")) {
    const std::string self = Str(item["links"], "self");
    const size_t slash = self.rfind('/');
    if (slash != std::string::npos && slash + 1 < self.size()) p.psc_id = self.substr(slash + 1);
  }
  return p;
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
