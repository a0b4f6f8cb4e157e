// The per-transfer half of CurlFetcher: easy-handle options, the address
// guard and response callbacks, and the outcome of a finished transfer. The
// multi loop that drives transfers is in curl_fetcher.cc.
#include "scrapers/curl_transfer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include "scrapers/address_guard.h"

namespace harrier::scrapers {

namespace {

// libcurl-security(3) and security.md §2: decoded/raw above this is a bomb.
constexpr int64_t kMaxDecodeRatio = 100;
// Below this many decoded bytes the ratio is not checked: small, very
// repetitive pages legitimately compress better than 100:1.
constexpr int64_t kRatioFloorBytes = 1 << 20;
// Headers of one response; curl limits single lines, not their number.
constexpr size_t kMaxHeaderBytes = 256 * 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// ---- Address guard -------------------------------------------------------

// Empty when `ip` may be connected to for this transfer, else the refusal.
std::string GuardVerdict(const Transfer& t, const std::string& ip) {
  std::string canonical = CanonicalAddress(ip);
  if (!canonical.empty() && std::find(t.allow.begin(), t.allow.end(), canonical) != t.allow.end()) {
    return "";
  }
  std::string range = ForbiddenRange(ip);
  if (range.empty()) return "";
  return "blocked:ssrf " + (canonical.empty() ? ip : canonical) + " (" + range + ")";
}

std::string SockaddrText(const curl_sockaddr& a) {
  char text[INET6_ADDRSTRLEN] = {};
  const void* bytes = nullptr;
  if (a.family == AF_INET && a.addrlen >= sizeof(sockaddr_in)) {
    bytes = &reinterpret_cast<const sockaddr_in*>(&a.addr)->sin_addr;
  } else if (a.family == AF_INET6 && a.addrlen >= sizeof(sockaddr_in6)) {
    bytes = &reinterpret_cast<const sockaddr_in6*>(&a.addr)->sin6_addr;
  }
  if (bytes == nullptr || inet_ntop(a.family, bytes, text, sizeof text) == nullptr) {
    return "";
  }
  return text;
}

// Every new connection, redirects included, passes here with the address
// actually about to be connected to, so DNS rebinding and numeric URL forms
// (2130706433, 0x7f.1) cannot slip past a check on the URL text.
curl_socket_t OnOpenSocket(void* data, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(data);
  std::string ip = SockaddrText(*address);
  std::string verdict = (purpose != CURLSOCKTYPE_IPCXN || ip.empty()) ? "blocked:ssrf non-IP socket"
                                                                      : GuardVerdict(*t, ip);
  if (!verdict.empty()) {
    t->blocked = verdict;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// Runs before every request, on new and reused connections alike: a pooled
// connection opened for a request that allow-listed its address must not
// carry a request that did not.
int OnPrereq(void* data, char* primary_ip, char* /*local_ip*/, int /*primary_port*/,
             int /*local_port*/) {
  auto* t = static_cast<Transfer*>(data);
  std::string verdict = GuardVerdict(*t, primary_ip != nullptr ? primary_ip : "");
  if (verdict.empty()) return CURL_PREREQFUNC_OK;
  t->blocked = verdict;
  return CURL_PREREQFUNC_ABORT;
}

// ---- Response callbacks --------------------------------------------------

void AddHeaderLine(std::string_view line, HeaderList* headers) {
  if ((line.starts_with(" ") || line.starts_with("\t")) && !headers->empty()) {
    // Obsolete line folding (RFC 9112 §5.2): a continuation of the last one.
    std::string& value = headers->back().second;
    value += ' ';
    value += Trim(line);
    return;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;  // status line or blank end
  headers->emplace_back(Lower(Trim(line.substr(0, colon))),
                        std::string(Trim(line.substr(colon + 1))));
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * count;
  std::string_view line(data, len);
  if (line.starts_with("HTTP/")) {  // a new response: keep only the final one
    t->response.headers.clear();
    t->response.body.clear();
    t->decoded = 0;
    t->header_bytes = 0;
  }
  t->header_bytes += len;
  if (t->header_bytes > kMaxHeaderBytes) {
    t->abort = Status::Rejected("headers over " + std::to_string(kMaxHeaderBytes) + " bytes");
    return 0;
  }
  AddHeaderLine(line, &t->response.headers);
  return len;
}

// With CURLOPT_ACCEPT_ENCODING set, curl hands us decoded bytes while
// CURLINFO_SIZE_DOWNLOAD_T counts the bytes that came off the wire.
bool OverDecodeRatio(const Transfer& t) {
  if (t.decoded < kRatioFloorBytes) return false;
  curl_off_t raw = 0;
  if (curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &raw) != CURLE_OK || raw <= 0) {
    return false;
  }
  return t.decoded > kMaxDecodeRatio * raw;
}

// Returning less than `len` makes curl abort with CURLE_WRITE_ERROR.
// libcurl-security(3): MAXFILESIZE alone "is not sufficient".
size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * count;
  std::string& body = t->response.body;
  t->decoded += static_cast<int64_t>(len);
  if (t->decoded > t->cap) {
    size_t room = static_cast<size_t>(t->cap) - std::min(body.size(), static_cast<size_t>(t->cap));
    body.append(data, std::min(room, len));
    t->abort = Status::Rejected("body over " + std::to_string(t->cap) + " bytes");
    return 0;
  }
  if (OverDecodeRatio(*t)) {
    t->abort = Status::Rejected("decoded body over " + std::to_string(kMaxDecodeRatio) +
                                "x the bytes received (decompression bomb)");
    return 0;
  }
  body.append(data, len);
  return len;
}

// ---- Setting up a transfer -----------------------------------------------

// Stops at the first option curl refuses: a fetch without one of its
// protections must not run at all.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* easy) : easy_(easy) {}
  template <typename T>
  OptionSetter& Set(CURLoption option, T value) {
    if (rc_ != CURLE_OK) return *this;
    rc_ = curl_easy_setopt(easy_, option, value);
    if (rc_ != CURLE_OK) failed_ = option;
    return *this;
  }
  Status status() const {
    if (rc_ == CURLE_OK) return Status::Ok();
    return Status::Internal("set curl option " + std::to_string(failed_) + ": " +
                            curl_easy_strerror(rc_));
  }

 private:
  CURL* easy_;
  CURLcode rc_ = CURLE_OK;
  int failed_ = 0;
};

long Positive(int64_t value, int64_t fallback) {
  return static_cast<long>(value > 0 ? value : fallback);
}

bool HasLineBreak(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

Status BuildHeaderList(Transfer* t, const std::string& user_agent) {
  if (HasLineBreak(user_agent)) {
    return Status::InvalidArgument("user agent has a line break");
  }
  for (const auto& [name, value] : t->request.headers) {
    if (HasLineBreak(name) || HasLineBreak(value) || name.find(':') != std::string::npos) {
      return Status::InvalidArgument("header " + Lower(name.substr(0, 40)) + " is malformed");
    }
    // "Name;" is curl's spelling of a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* grown = curl_slist_append(t->header_list, line.c_str());
    if (grown == nullptr) return Status::Internal("curl_slist_append failed");
    t->header_list = grown;
  }
  return Status::Ok();
}

Status SetLimits(Transfer* t, const config::FetchOptions& o) {
  const config::FetchOptions d;  // fallbacks: a zero must never mean unlimited
  return OptionSetter(t->easy)
      .Set(CURLOPT_PROTOCOLS_STR, "http,https")
      .Set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
      .Set(CURLOPT_FOLLOWLOCATION, 1L)
      .Set(CURLOPT_MAXREDIRS, static_cast<long>(std::max(o.max_redirects, 0)))
      .Set(CURLOPT_CONNECTTIMEOUT_MS, Positive(o.connect_timeout_ms, d.connect_timeout_ms))
      .Set(CURLOPT_TIMEOUT_MS, Positive(o.total_timeout_ms, d.total_timeout_ms))
      .Set(CURLOPT_LOW_SPEED_LIMIT, Positive(o.low_speed_limit_bytes, d.low_speed_limit_bytes))
      .Set(CURLOPT_LOW_SPEED_TIME, Positive(o.low_speed_time_s, d.low_speed_time_s))
      .Set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->cap))
      .Set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding; we see decoded bytes
      .Set(CURLOPT_NOSIGNAL, 1L)
      // An explicit empty proxy: never one from *_proxy in the environment.
      .Set(CURLOPT_PROXY, "")
      .Set(CURLOPT_SSL_VERIFYPEER, 1L)
      .Set(CURLOPT_SSL_VERIFYHOST, 2L)
      .status();
}

Status SetRequest(Transfer* t, const std::string& user_agent) {
  return OptionSetter(t->easy)
      .Set(CURLOPT_URL, t->request.url.c_str())
      .Set(CURLOPT_PRIVATE, static_cast<void*>(t))
      .Set(CURLOPT_ERRORBUFFER, t->error)
      .Set(CURLOPT_USERAGENT, user_agent.c_str())
      .Set(CURLOPT_HTTPHEADER, t->header_list)
      .Set(CURLOPT_HEADERFUNCTION, OnHeader)
      .Set(CURLOPT_HEADERDATA, static_cast<void*>(t))
      .Set(CURLOPT_WRITEFUNCTION, OnBody)
      .Set(CURLOPT_WRITEDATA, static_cast<void*>(t))
      .Set(CURLOPT_OPENSOCKETFUNCTION, OnOpenSocket)
      .Set(CURLOPT_OPENSOCKETDATA, static_cast<void*>(t))
      .Set(CURLOPT_PREREQFUNCTION, OnPrereq)
      .Set(CURLOPT_PREREQDATA, static_cast<void*>(t))
      .status();
}

// ---- Finishing a transfer ------------------------------------------------

void FillInfo(Transfer* t, CURLcode rc) {
  HttpResponse& r = t->response;
  long code = 0;
  long redirects = 0;
  curl_off_t total_us = 0;
  char* text = nullptr;
  if (curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK) {
    r.http_status = static_cast<int>(code);
  }
  if (curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &text) == CURLE_OK && text) {
    r.final_url = text;
  }
  text = nullptr;
  if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &text) == CURLE_OK && text) {
    r.content_type = text;
  }
  if (curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_COUNT, &redirects) == CURLE_OK) {
    r.redirects = static_cast<int>(redirects);
  }
  if (curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME_T, &total_us) == CURLE_OK) {
    r.elapsed_ms = total_us / 1000;
  }
  text = nullptr;
  if (rc == CURLE_OK && curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &text) == CURLE_OK &&
      text) {
    r.remote_ip = text;
  }
}

std::string Where(const Transfer& t) {
  std::string where = "fetch " + t.request.url;
  const std::string& final_url = t.response.final_url;
  if (!final_url.empty() && final_url != t.request.url) {
    where += " (redirected to " + final_url + ")";
  }
  return where;
}

std::string CurlError(CURLcode rc, const Transfer& t) {
  std::string why = curl_easy_strerror(rc);
  if (t.error[0] != '\0') why += std::string(": ") + t.error;
  return why;
}

Status Outcome(CURLcode rc, const Transfer& t, const config::FetchOptions& o) {
  if (rc == CURLE_OK) return Status::Ok();
  std::string where = Where(t);
  if (!t.blocked.empty() && (rc == CURLE_COULDNT_CONNECT || rc == CURLE_ABORTED_BY_CALLBACK)) {
    return Status::Rejected(where + ": " + t.blocked);
  }
  if (rc == CURLE_WRITE_ERROR && !t.abort.ok()) {
    return t.abort.WithContext(where);
  }
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
      return Status::Timeout(where + ": " + CurlError(rc, t));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return Status::Unavailable(where + ": " + CurlError(rc, t));
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Status::Rejected(where + ": protocol not allowed (" + CurlError(rc, t) + ")");
    case CURLE_TOO_MANY_REDIRECTS:
      return Status::Rejected(where + ": more than " + std::to_string(o.max_redirects) +
                              " redirects");
    case CURLE_FILESIZE_EXCEEDED:
      return Status::Rejected(where + ": body over " + std::to_string(t.cap) +
                              " bytes (Content-Length)");
    case CURLE_URL_MALFORMAT:
      return Status::InvalidArgument(where + ": " + CurlError(rc, t));
    default:
      return Status::IoError(where + ": " + CurlError(rc, t));
  }
}

}  // namespace

Status PrepareTransfer(Transfer* t, const config::FetchOptions& o) {
  const std::string& user_agent =
      t->request.user_agent.empty() ? o.user_agent : t->request.user_agent;
  HARRIER_RETURN_IF_ERROR(BuildHeaderList(t, user_agent));
  t->cap = t->request.max_body_bytes > 0
               ? t->request.max_body_bytes
               : Positive(o.max_body_bytes, config::FetchOptions().max_body_bytes);
  for (const std::string& ip : t->request.allow_addresses) {
    std::string canonical = CanonicalAddress(ip);  // host names never match
    if (!canonical.empty()) t->allow.push_back(canonical);
  }
  t->easy = curl_easy_init();
  if (t->easy == nullptr) return Status::Internal("curl_easy_init failed");
  HARRIER_RETURN_IF_ERROR(SetLimits(t, o));
  return SetRequest(t, user_agent);
}

Status FinishTransfer(Transfer* t, CURLcode rc, const config::FetchOptions& options) {
  FillInfo(t, rc);
  return Outcome(rc, *t, options);
}

void CompleteTransfer(std::unique_ptr<Transfer> t, Status status) {
  t->response.status = std::move(status);
  HttpFetcher::Callback done = std::move(t->done);
  HttpResponse response = std::move(t->response);
  t.reset();
  if (done) done(std::move(response));
}

std::string UrlHost(const std::string& url) {
  std::string host;
  CURLU* u = curl_url();
  if (u == nullptr) return host;
  char* part = nullptr;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), CURLU_GUESS_SCHEME) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &part, 0) == CURLUE_OK) {
    host = Lower(part);
    curl_free(part);
  }
  curl_url_cleanup(u);
  return host;
}

}  // namespace harrier::scrapers
