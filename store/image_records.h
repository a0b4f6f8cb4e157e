// Rows about images: what decoding and hashing found, watchlist photos,
// near-duplicate pairs and alerts. Hashes are lower-case hex (PDQ: 64
// digits, pHash: 16), the same text `harrier hash` prints and partners
// exchange. Included by store.h.
#ifndef HARRIER_STORE_IMAGE_RECORDS_H_
#define HARRIER_STORE_IMAGE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/selector.h"

namespace harrier::store {

// What the image pipeline made of one image's bytes.
struct ImageAnalysis {
  // A stable code when the image was refused ("image_too_large",
  // "unsupported_type", ...), with a human-readable detail; empty otherwise.
  std::string rejection;
  std::string rejection_detail;
  int width = 0;
  int height = 0;
  std::string pdq;  // empty when refused
  int pdq_quality = 0;
  std::string phash;
  std::string exif;  // JSON object text; "" when the image has none
  // "pending" when the image is queued for OCR; "" when it needs none.
  std::string ocr_state;
  std::string windows;  // sub-window hashes (hex of imageproc's encoding)
};

// OCR of one image finished: what it read, and the selectors found in that
// text by the same extractors as advert text.
struct OcrCommit {
  std::string sha256;
  std::string state;  // "done" | "timeout" | "failed"
  std::string text;
  std::vector<Selector> selectors;  // spans and snippets in `text`
  int64_t now_ms = 0;
};

struct ImageRecord {
  int64_t rowid = 0;  // the index's id for the image
  std::string sha256;
  int64_t size = 0;
  std::string mime;
  std::string blob_path;
  int64_t first_seen_ms = 0;
  ImageAnalysis analysis;
};

struct WatchlistImage {
  int64_t id = 0;
  std::string operation;
  std::string reason;
  std::string added_by;
  int64_t added_ms = 0;
  std::string file_name;  // as given to `harrier watchlist add`
  std::string sha256;
  int width = 0;
  int height = 0;
  std::string pdq;
  int pdq_quality = 0;
  std::string phash;
  std::string photo_path;  // empty unless the operator keeps photos
  std::string windows;     // sub-window hashes (hex), for crops and overlays
  // ORB keypoints and descriptors (hex) confirming a sub-window match. They
  // can be inverted into a coarse likeness, so kept only with the photo.
  std::string orb;
};

// Where an image was shown: an advert version that lists its URL.
struct ImageUse {
  int64_t document_id = 0;
  int64_t document_version_id = 0;
  std::string advert_url;
  std::string image_url;
  int64_t captured_ms = 0;  // when the image bytes were fetched
};

struct ImageMatchRow {
  std::string image_a;  // sha256, image_a < image_b
  std::string image_b;
  int distance = 0;
  std::string method;  // "pdq", "pdq-dihedral"
  int64_t found_ms = 0;
  // Set by the store when read: the row id and an analyst's decision.
  int64_t id = 0;
  std::string status = "open";  // open | confirmed | rejected
  // Default member initialisers keep the five-field brace form that
  // finders use free of -Wmissing-field-initializers.
  std::string decided_by{};
  std::optional<int64_t> decided_ms{};
  std::string note{};
};

enum class AlertStatus { kOpen, kConfirmed, kRejected };

// One alert of any kind. Fields of the other kinds are empty (0, "").
struct AlertRow {
  int64_t id = 0;
  std::string kind = "watchlist_image";  // | watchlist_selector | cluster_growth
  int64_t watchlist_image_id = 0;
  std::string image_sha256;
  std::optional<int64_t> document_id;
  std::string url;  // the advert's URL
  int64_t captured_ms = 0;
  int distance = 0;
  std::string method;
  std::string image_pdq;
  std::string watchlist_pdq;
  int64_t created_ms = 0;
  std::string status = "open";  // open | confirmed | rejected
  std::string decided_by;
  std::optional<int64_t> decided_ms;
  std::string note;
  // Joined from whichever watchlist entry raised it, for display.
  std::string operation;
  std::string watchlist_reason;
  // watchlist_selector alerts: the entry and the selector it matched.
  int64_t watchlist_selector_id = 0;
  std::string selector_kind;
  std::string selector_value;
  // cluster_growth alerts: the cluster and the size that raised it.
  int64_t cluster_id = 0;
  int64_t cluster_size = 0;
};

}  // namespace harrier::store

#endif  // HARRIER_STORE_IMAGE_RECORDS_H_
