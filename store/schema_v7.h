// Migration 7 (issue 6): what a social post carries besides its text, per
// version, as the source gave it when that version was captured: views and
// other counts, the channel or account it was forwarded from, the post it
// replies to, who boosted it, tags, mentions and links (a JSON object; '{}'
// for adverts). Not part of the content hash: counts change on every fetch.
// Private to store/ (migrations.cc).
#ifndef HARRIER_STORE_SCHEMA_V7_H_
#define HARRIER_STORE_SCHEMA_V7_H_

namespace harrier::store {

inline constexpr char kSchemaV7[] = R"sql(
ALTER TABLE document_version ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
)sql";

}  // namespace harrier::store

#endif  // HARRIER_STORE_SCHEMA_V7_H_
