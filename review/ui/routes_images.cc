// /images/SHA256 (a known image, re-encoded as PNG) and the WARC span of a
// capture as an attachment (a disclosure: audited with its recipient).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "review/ui/app.h"
#include "review/ui/png.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

// "blobs/ab/ab…" exactly as the blob store names files: no other path.
bool IsBlobPath(const std::string& p, const std::string& sha) {
  return p == "blobs/" + sha.substr(0, 2) + "/" + sha;
}

Result<std::string> ReadFileSpan(const std::string& path, int64_t offset, int64_t length) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("open " + path);
  if (length < 0) {
    std::ostringstream all;
    all << in.rdbuf();
    return all.str();
  }
  std::string out(static_cast<size_t>(length), '\0');
  in.seekg(offset);
  in.read(out.data(), length);
  if (in.gcount() != length) return Status::IoError("read " + path + ": short");
  return out;
}

void ServeImage(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const std::string sha = req.matches[1];
  Result<std::optional<store::ImageRecord>> image =
      app.WithStore([&](store::Store& st) { return st.GetImage(sha); });
  if (!image.ok()) return SendError(app, &*s, res, 500, image.status().message());
  if (!*image || !IsBlobPath((*image)->blob_path, sha)) {
    return SendError(app, &*s, res, 404, "No such image.");
  }
  if (!AuditAs(app, *s, "consultation.image", "image:" + sha, json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::string> bytes = ReadFileSpan(app.options.data_dir + "/" + (*image)->blob_path, 0, -1);
  if (!bytes.ok()) return SendError(app, &*s, res, 404, "The image file is missing.");
  const config::ImageOptions& o = app.options.images;
  imageproc::DecodeLimits limits{static_cast<size_t>(o.max_bytes),
                                 static_cast<uint64_t>(o.max_pixels),
                                 static_cast<uint32_t>(o.max_side)};
  Result<std::string> png = ReencodeAsPng(*bytes, limits);
  if (!png.ok()) return SendError(app, &*s, res, 415, "Not shown: " + png.status().message());
  res.set_content(std::move(*png), "image/png");
}

void ServeWarc(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s || !CheckCsrf(*s, req, res)) return;
  const int64_t doc = std::stoll(req.matches[1]);
  const int64_t capture = std::stoll(req.matches[2]);
  const std::string recipient = req.get_param_value("recipient");
  if (recipient.empty() || recipient.size() > 500) {
    return SendError(app, &*s, res, 400, "Name the recipient of the evidence.");
  }
  Result<std::optional<store::EvidenceSet>> e =
      app.WithStore([&](store::Store& st) { return st.GetEvidence(doc); });
  if (!e.ok()) return SendError(app, &*s, res, 500, e.status().message());
  if (!*e) return SendError(app, &*s, res, 404, "No such advert.");
  const auto& caps = (*e)->captures;
  auto it = std::find_if(caps.begin(), caps.end(),
                         [&](const store::EvidenceCapture& c) { return c.capture_id == capture; });
  if (it == caps.end() || it->warc_file.empty() || it->warc_file.find('/') != std::string::npos ||
      it->warc_file.find("..") != std::string::npos || it->warc_length <= 0) {
    return SendError(app, &*s, res, 404, "No WARC records for that capture.");
  }
  const json detail = {{"recipients", json::array({recipient})},
                       {"warc_file", it->warc_file},
                       {"offset", it->warc_offset},
                       {"length", it->warc_length},
                       {"sha256", it->body_sha256}};
  if (!AuditAs(app, *s, "disclosure.evidence", "capture:" + std::to_string(capture), detail).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is disclosed.");
  }
  Result<std::string> span = ReadFileSpan(app.options.data_dir + "/warc/" + it->warc_file,
                                          it->warc_offset, it->warc_length);
  if (!span.ok()) return SendError(app, &*s, res, 500, span.status().message());
  res.set_header("Content-Disposition",
                 "attachment; filename=\"capture-" + std::to_string(capture) + ".warc.gz\"");
  res.set_content(std::move(*span), "application/octet-stream");
}

}  // namespace

void AddImageRoutes(httplib::Server& server, App& app) {
  server.Get(
      R"(/images/([0-9a-f]{64}))",
      [&app](const httplib::Request& req, httplib::Response& res) { ServeImage(app, req, res); });
  server.Post(
      R"(/adverts/(\d{1,15})/captures/(\d{1,15})/warc)",
      [&app](const httplib::Request& req, httplib::Response& res) { ServeWarc(app, req, res); });
}

}  // namespace harrier::review::ui
