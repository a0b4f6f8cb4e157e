#include "tests/support/fixture_server.h"

#include <httplib.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace harrier::testing {

namespace fs = std::filesystem;

namespace {

std::string ContentTypeFor(const fs::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  if (ext == ".json") return "application/json";
  return "application/octet-stream";
}

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace

FixtureServer::FixtureServer(std::string root)
    : root_(std::move(root)), server_(std::make_unique<httplib::Server>()) {
  auto handle = [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); };
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle
  // and delayed ACKs add ~40 ms to every response.
  server_->set_tcp_nodelay(true);
  server_->Get(".*", handle);
  server_->Post(".*", handle);
}

FixtureServer::~FixtureServer() { Stop(); }

bool FixtureServer::Start(int port) { return StartOn("127.0.0.1", port); }

bool FixtureServer::StartOn(const std::string& host, int port) {
  if (port == 0) {
    port_ = server_->bind_to_any_port(host.c_str());
    if (port_ <= 0) return false;
  } else {
    if (!server_->bind_to_port(host.c_str(), port)) return false;
    port_ = port;
  }
  host_ = host;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listen_returned_ = true;
  });
  // The socket is already listening (bound above), so connections queue
  // in the backlog until the thread accepts them: no need to wait here.
  return true;
}

void FixtureServer::Stop() {
  if (thread_.joinable()) {
    // httplib's stop() does nothing until listen has begun, and a server
    // stopped before its thread got going would then block in accept()
    // forever: wait (briefly) for the thread to be inside listen.
    while (!server_->is_running() && !listen_returned_) std::this_thread::yield();
    server_->stop();
    thread_.join();
  }
}

std::string FixtureServer::base_url() const {
  bool v6 = host_.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host_ + "]" : host_) + ":" + std::to_string(port_);
}

void FixtureServer::SetOverride(const std::string& path, std::string body, std::string content_type,
                                int status) {
  std::lock_guard<std::mutex> lock(mu_);
  overrides_[path] = Override{std::move(body), std::move(content_type), status};
}

void FixtureServer::ClearOverride(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  overrides_.erase(path);
}

void FixtureServer::SetHandler(const std::string& path, Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  handlers_[path] = std::move(handler);
}

void FixtureServer::SetBeforeRequest(std::function<void(const std::string&)> hook) {
  std::lock_guard<std::mutex> lock(mu_);
  before_request_ = std::move(hook);
}

int FixtureServer::RequestCount(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = counts_.find(path);
  return it == counts_.end() ? 0 : it->second;
}

int FixtureServer::TotalRequests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(log_.size());
}

std::vector<std::string> FixtureServer::RequestedPaths() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_;
}

void FixtureServer::Handle(const httplib::Request& req, httplib::Response& res) {
  std::string target = req.path;
  if (!req.params.empty()) {
    std::string query;
    for (const auto& [k, v] : req.params) query += (query.empty() ? "?" : "&") + k + "=" + v;
    target += query;
  }
  Handler handler;
  std::optional<Override> override_copy;
  std::function<void(const std::string&)> before;
  {
    std::lock_guard<std::mutex> lock(mu_);
    before = before_request_;
  }
  if (before) before(target);
  {
    std::lock_guard<std::mutex> lock(mu_);
    counts_[target]++;
    log_.push_back(target);
    if (auto it = handlers_.find(req.path); it != handlers_.end()) handler = it->second;
    if (auto it = overrides_.find(target); it != overrides_.end()) override_copy = it->second;
  }
  if (handler) {
    handler(req, res);
    return;
  }
  if (override_copy) {
    res.status = override_copy->status;
    res.set_content(override_copy->body, override_copy->content_type.c_str());
    return;
  }
  // Static files: never outside root (the fixture tree has no links).
  if (root_.empty() || req.path.find("..") != std::string::npos) {
    res.status = 404;
    return;
  }
  fs::path p = fs::path(root_) / req.path.substr(1);
  if (fs::is_directory(p)) p /= "index.html";
  std::string body;
  if (!ReadFile(p, &body)) {
    res.status = 404;
    res.set_content("not found", "text/plain");
    return;
  }
  res.set_content(body, ContentTypeFor(p).c_str());
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "harrier-test-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  path_ = made ? made : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

}  // namespace harrier::testing
