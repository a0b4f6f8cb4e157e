// The link rules as SQL, shared by incremental linking, the from-scratch
// rebuild and the review reads so that all three agree on what links two
// documents. Private to store/.
#ifndef HARRIER_STORE_LINKING_SQL_H_
#define HARRIER_STORE_LINKING_SQL_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/review_records.h"

namespace harrier::store::internal {

// A document with its current version `v`.
inline constexpr char kCurrentVersionJoin[] =
    "document d JOIN document_version v ON v.document_id = d.id AND v.version = d.current_version ";

// The image a document_image row `di` shows: the newest capture of its URL
// whose bytes are a stored image.
inline constexpr char kImageOfUrl[] =
    "(SELECT c.body_sha256 FROM capture c JOIN image i ON i.sha256 = c.body_sha256 "
    "WHERE c.url = di.url ORDER BY c.fetched_ms DESC, c.id DESC LIMIT 1)";

// Kinds that link documents: everything but place (a town is shared by
// thousands of unrelated adverts).
inline constexpr char kLinkingKindFilter[] = "s.kind != 'place'";

// (document id, sha256) of every image shown by a current version; with
// `document_id` > 0 only that document's.
Status DocumentImages(sqlite3* db, int64_t document_id,
                      std::vector<std::pair<int64_t, std::string>>* out);

// The adverts whose current version shows the image, by id; at most `limit`
// of them (-1: all).
Status AdvertsShowing(sqlite3* db, const std::string& sha256, std::vector<ImageAdvert>* out,
                      int limit = -1);

}  // namespace harrier::store::internal

#endif  // HARRIER_STORE_LINKING_SQL_H_
