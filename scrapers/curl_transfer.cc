// The per-transfer half of CurlFetcher: easy-handle options, the address
// guard, the callbacks that record each hop and decode the body, following
// redirects, and the outcome of a finished transfer. The multi loop that
// drives transfers is in curl_fetcher.cc.
#include "scrapers/curl_transfer.h"

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
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
// A redirect's body is a line of HTML at most; a large one is an attack on
// memory (it is held as evidence while the next hops run).
constexpr int64_t kMaxRedirectBodyBytes = 1 << 20;
// We decode ourselves (to keep the raw bytes), so we advertise what
// ContentDecoder understands.
constexpr char kAcceptEncoding[] = "Accept-Encoding: gzip, deflate, br";

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

std::string Join(const HeaderList& headers, std::string_view name) {
  std::string out;
  for (const auto& [key, value] : headers) {
    if (key != name) continue;
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

int64_t ElapsedMs(const Transfer& t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.clock->SteadyNow() - t.started)
      .count();
}

// ---- Address guard -------------------------------------------------------

// Every new connection, redirects included, passes here with the address
// actually about to be connected to, so DNS rebinding and numeric URL forms
// (2130706433, 0x7f.1) cannot slip past a check on the URL text. Behind a
// proxy this is the proxy's address (allow-listed by SetEgress).
curl_socket_t OnOpenSocket(void* data, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(data);
  std::string ip = SocketAddressText(&address->addr, address->addrlen);
  std::string verdict = (purpose != CURLSOCKTYPE_IPCXN || ip.empty()) ? "blocked:ssrf non-IP socket"
                                                                      : GuardVerdict(t->allow, ip);
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
  std::string verdict = GuardVerdict(t->allow, primary_ip != nullptr ? primary_ip : "");
  if (verdict.empty()) return CURL_PREREQFUNC_OK;
  t->blocked = verdict;
  return CURL_PREREQFUNC_ABORT;
}

// ---- Recording the exchange ----------------------------------------------

void OpenExchange(Transfer* t) {
  HttpExchange ex;
  char* text = nullptr;
  ex.url = curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &text) == CURLE_OK && text
               ? text
               : t->hop_url;
  text = nullptr;
  if (curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &text) == CURLE_OK && text) {
    ex.remote_ip = text;
  }
  ex.started_unix_ms = ToUnixMillis(t->clock->WallNow());
  t->response.exchanges.push_back(std::move(ex));
  t->hop_open = true;
}

// The request head exactly as curl wrote it to the connection. curl reports
// what one send() took; we never send a body, so outgoing data that follows
// an unfinished head is the rest of it.
void OnRequestBytes(Transfer* t, curl_infotype type, std::string_view bytes) {
  if (type == CURLINFO_HEADER_OUT && (t->in_connect || bytes.starts_with("CONNECT "))) {
    // The tunnel request to an HTTP proxy: not part of the exchange with
    // the target (its response is suppressed from the header callback too).
    t->in_connect = !bytes.ends_with("\r\n\r\n");
    return;
  }
  HttpExchange* ex = t->hop_open ? &t->response.exchanges.back() : nullptr;
  const bool head_finished = ex != nullptr && ex->request_head.ends_with("\r\n\r\n");
  if (type == CURLINFO_DATA_OUT) {
    if (ex != nullptr && !head_finished && ex->response_head.empty()) ex->request_head += bytes;
    return;
  }
  if (ex == nullptr || !ex->response_head.empty()) {
    OpenExchange(t);
    ex = &t->response.exchanges.back();
  } else if (head_finished) {
    // A whole request again with no response in between: curl retries on a
    // fresh connection when a reused one turned out dead. The retry is the
    // request the response will answer.
    t->response.exchanges.pop_back();
    OpenExchange(t);
    ex = &t->response.exchanges.back();
  }
  ex->request_head += bytes;
}

// CURLOPT_VERBOSE routes curl's trace here instead of stderr; only the
// request bytes are kept.
int OnDebug(CURL* /*easy*/, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) {
    OnRequestBytes(static_cast<Transfer*>(user), type, std::string_view(data, size));
  }
  return 0;
}

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

int StatusOf(std::string_view status_line) {
  size_t space = status_line.find(' ');
  if (space == std::string_view::npos || status_line.size() < space + 4) return 0;
  int code = 0;
  for (char c : status_line.substr(space + 1, 3)) {
    if (c < '0' || c > '9') return 0;
    code = code * 10 + (c - '0');
  }
  return code;
}

bool IsFollowed(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Once the final response head is in: where its body goes.
void DecideBody(Transfer* t) {
  const HttpExchange& ex = t->response.exchanges.back();
  const HeaderList& headers = t->response.headers;
  if (IsFollowed(ex.http_status) && !Join(headers, "location").empty()) {
    t->mode = BodyMode::kRedirect;
    return;
  }
  t->coding = Join(headers, "content-encoding");
  std::string coding = Lower(Trim(t->coding));
  if (coding.empty() || coding == "identity") {
    t->mode = BodyMode::kIdentity;
    return;
  }
  Result<std::unique_ptr<ContentDecoder>> decoder = ContentDecoder::Create(t->coding);
  if (!decoder.ok()) {
    t->mode = BodyMode::kRawOnly;  // kept as evidence, never parsed
    t->deferred = Status::Rejected("unsupported content coding " + t->coding);
    return;
  }
  t->decoder = std::move(decoder).value();
  t->mode = BodyMode::kDecode;
}

// Each line of each response head in this hop, as received. A line starting
// "HTTP/" begins a response: a 1xx interim one is followed by another in the
// same hop. Lines after the final head are chunked trailers, not head bytes.
size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * count;
  std::string_view line(data, len);
  if (t->head_done) return len;
  if (!t->hop_open) OpenExchange(t);  // no request seen: cannot happen over HTTP/1
  HttpExchange& ex = t->response.exchanges.back();
  t->header_bytes += len;
  if (t->header_bytes > kMaxHeaderBytes) {
    ex.truncated = true;
    t->abort = Status::Rejected("headers over " + std::to_string(kMaxHeaderBytes) + " bytes");
    return 0;
  }
  ex.response_head.append(line);
  if (line.starts_with("HTTP/")) {  // keep only the final response's fields
    t->response.headers.clear();
    ex.http_status = StatusOf(line);
  } else if (Trim(line).empty()) {
    if (ex.http_status >= 200 || ex.http_status == 0) {
      t->head_done = true;
      DecideBody(t);
    }
  } else {
    AddHeaderLine(line, &t->response.headers);
  }
  return len;
}

// Appends `in` to `*to` while the hop's entity bytes stay within `limit`;
// past it keeps what fits, marks the exchange cut and stops the transfer.
bool Keep(Transfer* t, std::string* to, std::string_view in, int64_t limit, const char* what) {
  if (t->raw_bytes <= limit) {
    to->append(in);
    return true;
  }
  const int64_t before = t->raw_bytes - static_cast<int64_t>(in.size());
  to->append(in.substr(0, static_cast<size_t>(std::max<int64_t>(limit - before, 0))));
  t->response.exchanges.back().truncated = true;
  t->abort = Status::Rejected(std::string(what) + " over " + std::to_string(limit) + " bytes");
  return false;
}

// Decodes within the cap and within 100x the raw bytes seen so far (past
// 1 MiB), so a bomb stops at whichever comes first without overshooting.
bool Decode(Transfer* t, std::string_view in) {
  if (!t->deferred.ok()) return true;  // decoding failed: only raw bytes are kept
  const int64_t ratio_room = std::max(kRatioFloorBytes, kMaxDecodeRatio * t->raw_bytes);
  const int64_t limit = std::min(t->cap, ratio_room);
  Status s = t->decoder->Feed(in, limit, &t->response.body);
  if (s.ok()) return true;
  if (s.code() == StatusCode::kRejected) {
    t->response.exchanges.back().truncated = true;
    t->abort = limit == t->cap
                   ? Status::Rejected("decoded body over " + std::to_string(t->cap) + " bytes")
                   : Status::Rejected("decoded body over " + std::to_string(kMaxDecodeRatio) +
                                      "x the bytes received (decompression bomb)");
    return false;
  }
  // Corrupt data: keep receiving the raw bytes as evidence, parse nothing.
  t->deferred = Status::Rejected("content coding " + t->coding + ": " + s.message());
  t->mode = BodyMode::kRawOnly;
  t->response.body.clear();
  return true;
}

// The entity body with chunked transfer coding removed and content coding
// kept (CURLOPT_HTTP_CONTENT_DECODING is off). Returning less than the
// length makes curl abort with CURLE_WRITE_ERROR; libcurl-security(3):
// MAXFILESIZE alone "is not sufficient".
size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * count;
  if (!t->hop_open) return len;  // no exchange to hold it: cannot happen
  std::string_view in(data, len);
  HttpExchange& ex = t->response.exchanges.back();
  t->raw_bytes += static_cast<int64_t>(len);
  bool go_on = true;
  switch (t->mode) {
    case BodyMode::kRedirect:
      go_on = Keep(t, &ex.payload, in, std::min(t->cap, kMaxRedirectBodyBytes), "redirect body");
      break;
    case BodyMode::kIdentity:
      go_on = Keep(t, &t->response.body, in, t->cap, "body");
      break;
    case BodyMode::kDecode:
      go_on = Keep(t, &ex.payload, in, t->cap, "body") && Decode(t, in);
      break;
    case BodyMode::kUndecided:
    case BodyMode::kRawOnly:
      go_on = Keep(t, &ex.payload, in, t->cap, "body");
      break;
  }
  return go_on ? len : 0;
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

bool IsCredential(const std::string& name) {
  std::string lower = Lower(name);
  return lower == "authorization" || lower == "cookie" || lower == "proxy-authorization";
}

// The request's own headers plus Accept-Encoding (unless it sets one).
// `drop_credentials` after a redirect to another origin, as curl itself
// does for its own credentials.
Status BuildHeaderList(Transfer* t, bool drop_credentials) {
  curl_slist_free_all(t->header_list);
  t->header_list = nullptr;
  bool has_accept_encoding = false;
  for (const auto& [name, value] : t->request.headers) {
    if (HasLineBreak(name) || HasLineBreak(value) || name.find(':') != std::string::npos) {
      return Status::InvalidArgument("header " + Lower(name.substr(0, 40)) + " is malformed");
    }
    if (drop_credentials && IsCredential(name)) continue;
    has_accept_encoding = has_accept_encoding || Lower(name) == "accept-encoding";
    // "Name;" is curl's spelling of a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* grown = curl_slist_append(t->header_list, line.c_str());
    if (grown == nullptr) return Status::Internal("curl_slist_append failed");
    t->header_list = grown;
  }
  if (!has_accept_encoding) {
    curl_slist* grown = curl_slist_append(t->header_list, kAcceptEncoding);
    if (grown == nullptr) return Status::Internal("curl_slist_append failed");
    t->header_list = grown;
  }
  return Status::Ok();
}

// A URL's parts through curl's parser (the one that will fetch it).
struct UrlParts {
  std::string scheme, host, port;
  bool has_credentials = false;
};

bool ParseUrl(const std::string& url, UrlParts* out) {
  CURLU* u = curl_url();
  if (u == nullptr) return false;
  bool ok = curl_url_set(u, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
  auto get = [&](CURLUPart part, std::string* to, unsigned flags) {
    char* text = nullptr;
    if (curl_url_get(u, part, &text, flags) != CURLUE_OK) return false;
    *to = Lower(text);
    curl_free(text);
    return true;
  };
  std::string user;
  ok = ok && get(CURLUPART_SCHEME, &out->scheme, 0);
  if (ok && !get(CURLUPART_HOST, &out->host, 0)) out->host.clear();  // file:///x
  if (ok && !get(CURLUPART_PORT, &out->port, CURLU_DEFAULT_PORT)) out->port.clear();
  out->has_credentials = ok && get(CURLUPART_USER, &user, 0);
  curl_url_cleanup(u);
  return ok;
}

// The proxy, when set, carries every connection: curl never falls back to
// a direct one. Its own address passes the guard (the operator chose it).
Status SetEgress(Transfer* t) {
  OptionSetter set(t->easy);
  const std::string& proxy = t->request.proxy;
  // Explicit values: never a proxy or a bypass from *_proxy / NO_PROXY in
  // the environment.
  set.Set(CURLOPT_PROXY, proxy.c_str()).Set(CURLOPT_NOPROXY, "");
  if (proxy.empty()) {
    t->response.egress = "direct";
    return set.status();
  }
  UrlParts p;
  if (!ParseUrl(proxy, &p) || (p.scheme != "socks5h" && p.scheme != "http") || p.host.empty()) {
    return Status::InvalidArgument("proxy is not a socks5h:// or http:// URL");
  }
  std::string host = p.host;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  std::string canonical = CanonicalAddress(host);
  if (!canonical.empty()) t->allow.push_back(canonical);
  t->response.egress = p.scheme + "://" + p.host + (p.port.empty() ? "" : ":" + p.port);
  // curl hands the CONNECT response to the header callback unless told not
  // to; it is the proxy's, not the target's.
  return set.Set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L).status();
}

Status SetLimits(Transfer* t, const config::FetchOptions& o) {
  const config::FetchOptions d;  // fallbacks: a zero must never mean unlimited
  const long verify = t->request.tls_verify ? 1L : 0L;
  return OptionSetter(t->easy)
      .Set(CURLOPT_PROTOCOLS_STR, "http,https")
      .Set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
      // Redirects are followed by FinishHop, one hop per transfer, so that
      // each hop's bytes are recorded apart.
      .Set(CURLOPT_FOLLOWLOCATION, 0L)
      .Set(CURLOPT_CONNECTTIMEOUT_MS, Positive(o.connect_timeout_ms, d.connect_timeout_ms))
      .Set(CURLOPT_LOW_SPEED_LIMIT, Positive(o.low_speed_limit_bytes, d.low_speed_limit_bytes))
      .Set(CURLOPT_LOW_SPEED_TIME, Positive(o.low_speed_time_s, d.low_speed_time_s))
      .Set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->cap))
      // We decode (ContentDecoder) so the raw bytes stay evidence.
      .Set(CURLOPT_HTTP_CONTENT_DECODING, 0L)
      // HTTP/1.1 only: the head curl reports for HTTP/2 is a rendering of
      // HPACK frames, not the bytes on the wire, and WARC records HTTP/1.
      .Set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1))
      .Set(CURLOPT_NOSIGNAL, 1L)
      .Set(CURLOPT_SSL_VERIFYPEER, verify)
      .Set(CURLOPT_SSL_VERIFYHOST, verify * 2)
      .status();
}

Status SetRequest(Transfer* t) {
  return OptionSetter(t->easy)
      .Set(CURLOPT_PRIVATE, static_cast<void*>(t))
      .Set(CURLOPT_ERRORBUFFER, t->error)
      .Set(CURLOPT_USERAGENT, t->user_agent.c_str())
      .Set(CURLOPT_HTTPHEADER, t->header_list)
      .Set(CURLOPT_HEADERFUNCTION, OnHeader)
      .Set(CURLOPT_HEADERDATA, static_cast<void*>(t))
      .Set(CURLOPT_WRITEFUNCTION, OnBody)
      .Set(CURLOPT_WRITEDATA, static_cast<void*>(t))
      // The debug function replaces curl's own stderr trace.
      .Set(CURLOPT_DEBUGFUNCTION, OnDebug)
      .Set(CURLOPT_DEBUGDATA, static_cast<void*>(t))
      .Set(CURLOPT_VERBOSE, 1L)
      .Set(CURLOPT_OPENSOCKETFUNCTION, OnOpenSocket)
      .Set(CURLOPT_OPENSOCKETDATA, static_cast<void*>(t))
      .Set(CURLOPT_PREREQFUNCTION, OnPrereq)
      .Set(CURLOPT_PREREQDATA, static_cast<void*>(t))
      .status();
}

// The URL and what is left of the total timeout, for the first hop and each
// redirect; clears what the previous hop left behind.
Status StartHop(Transfer* t, const config::FetchOptions& o, const std::string& url) {
  const int64_t total = Positive(o.total_timeout_ms, config::FetchOptions().total_timeout_ms);
  const int64_t left = total - ElapsedMs(*t);
  if (left <= 0) return Status::Timeout("total timeout of " + std::to_string(total) + " ms");
  t->hop_url = url;
  t->hop_open = t->in_connect = t->head_done = false;
  t->mode = BodyMode::kUndecided;
  t->coding.clear();
  t->decoder.reset();
  t->raw_bytes = 0;
  t->header_bytes = 0;
  t->response.body.clear();
  OptionSetter set(t->easy);
  set.Set(CURLOPT_URL, t->hop_url.c_str()).Set(CURLOPT_TIMEOUT_MS, static_cast<long>(left));
  if (t->response.egress.starts_with("http:")) {
    // https is always tunnelled through an HTTP proxy (CONNECT); plain http
    // goes as an absolute-form request the proxy forwards.
    set.Set(CURLOPT_HTTPPROXYTUNNEL, url.starts_with("https:") ? 1L : 0L);
  }
  return set.status();
}

// ---- Finishing a hop -----------------------------------------------------

void CloseHop(Transfer* t, CURLcode rc) {
  if (!t->hop_open) return;
  HttpExchange& ex = t->response.exchanges.back();
  if (rc == CURLE_OK && t->mode == BodyMode::kDecode && t->raw_bytes > 0) {
    Status s = t->decoder->Finish();
    if (!s.ok()) {
      t->deferred = Status::Rejected("content coding " + t->coding + ": " + s.message());
      t->response.body.clear();
    }
  }
  // Identity bytes went to the body only; the record points there.
  ex.payload_is_body = t->mode == BodyMode::kIdentity;
  if (rc != CURLE_OK) ex.truncated = true;
}

bool SameOrigin(const UrlParts& a, const UrlParts& b) {
  return a.scheme == b.scheme && a.host == b.host && a.port == b.port;
}

// Sets the handle up for the hop the current 3xx points to.
Status FollowRedirect(Transfer* t, const config::FetchOptions& o) {
  char* next = nullptr;
  if (curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &next) != CURLE_OK || next == nullptr) {
    return Status::Rejected("redirect without a usable Location");
  }
  const std::string to = next;
  if (t->response.redirects >= std::max(o.max_redirects, 0)) {
    return Status::Rejected("more than " + std::to_string(o.max_redirects) + " redirects");
  }
  UrlParts from_parts, to_parts;
  if (!ParseUrl(to, &to_parts) || !ParseUrl(t->hop_url, &from_parts)) {
    return Status::Rejected("redirect to an unparsable URL");
  }
  // CURLOPT_PROTOCOLS_STR would refuse these too; refusing here names them.
  if (to_parts.scheme != "http" && to_parts.scheme != "https") {
    return Status::Rejected("protocol not allowed (redirect to " + to_parts.scheme + ":)");
  }
  if (!t->credentials_dropped && !SameOrigin(from_parts, to_parts)) {
    t->credentials_dropped = true;
    HARRIER_RETURN_IF_ERROR(BuildHeaderList(t, /*drop_credentials=*/true));
    HARRIER_RETURN_IF_ERROR(OptionSetter(t->easy).Set(CURLOPT_HTTPHEADER, t->header_list).status());
  }
  t->response.redirects++;
  return StartHop(t, o, to);
}

void FillInfo(Transfer* t, CURLcode rc) {
  HttpResponse& r = t->response;
  char* text = nullptr;
  if (curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &text) == CURLE_OK && text) {
    r.final_url = text;
  }
  // Of the last response received (a failed hop has none of its own).
  for (auto it = r.exchanges.rbegin(); it != r.exchanges.rend(); ++it) {
    if (it->http_status != 0) {
      r.http_status = it->http_status;
      break;
    }
  }
  for (const auto& [name, value] : r.headers) {
    if (name == "content-type") r.content_type = value;
  }
  r.elapsed_ms = ElapsedMs(*t);
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
  if (!t.request.proxy.empty()) where += " via " + t.response.egress;
  return where;
}

std::string CurlError(CURLcode rc, const Transfer& t) {
  std::string why = curl_easy_strerror(rc);
  if (t.error[0] != '\0') why += std::string(": ") + t.error;
  return why;
}

Status Outcome(CURLcode rc, const Transfer& t, const config::FetchOptions& o) {
  std::string where = Where(t);
  if (rc == CURLE_OK) return t.deferred.ok() ? Status::Ok() : t.deferred.WithContext(where);
  if (!t.blocked.empty() && (rc == CURLE_COULDNT_CONNECT || rc == CURLE_ABORTED_BY_CALLBACK)) {
    return Status::Rejected(where + ": " + t.blocked);
  }
  if (rc == CURLE_WRITE_ERROR && !t.abort.ok()) {
    return t.abort.WithContext(where);
  }
  const bool proxied = !t.request.proxy.empty();
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
      return Status::Timeout(where + ": " + CurlError(rc, t));
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
      return Status::Unavailable(where + ": proxy failed: " + CurlError(rc, t));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      // Behind a proxy curl connects to nothing else: it is the proxy that
      // is down, and nothing went out directly instead.
      return Status::Unavailable(where + (proxied ? ": proxy unreachable: " : ": ") +
                                 CurlError(rc, t));
    case CURLE_PEER_FAILED_VERIFICATION:
      return Status::Rejected(where + ": TLS certificate not trusted: " + CurlError(rc, t));
    case CURLE_SSL_CONNECT_ERROR:
      return Status::IoError(where + ": TLS handshake failed: " + CurlError(rc, t));
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
  t->started = t->clock->SteadyNow();
  t->easy = curl_easy_init();
  if (t->easy == nullptr) return Status::Internal("curl_easy_init failed");
  for (const std::string& ip : t->request.allow_addresses) {
    std::string canonical = CanonicalAddress(ip);  // host names never match
    if (!canonical.empty()) t->allow.push_back(canonical);
  }
  // First, so that the response names the egress whatever fails next.
  HARRIER_RETURN_IF_ERROR(SetEgress(t));
  t->user_agent = t->request.user_agent.empty() ? o.user_agent : t->request.user_agent;
  if (HasLineBreak(t->user_agent)) return Status::InvalidArgument("user agent has a line break");
  HARRIER_RETURN_IF_ERROR(BuildHeaderList(t, /*drop_credentials=*/false));
  t->cap = t->request.max_body_bytes > 0
               ? t->request.max_body_bytes
               : Positive(o.max_body_bytes, config::FetchOptions().max_body_bytes);
  HARRIER_RETURN_IF_ERROR(SetLimits(t, o));
  HARRIER_RETURN_IF_ERROR(SetRequest(t));
  return StartHop(t, o, t->request.url);
}

HopResult FinishHop(Transfer* t, CURLcode rc, const config::FetchOptions& o, Status* outcome) {
  CloseHop(t, rc);
  if (rc == CURLE_OK && t->mode == BodyMode::kRedirect) {
    Status next = FollowRedirect(t, o);
    if (next.ok()) return HopResult::kFollow;
    FillInfo(t, rc);
    *outcome = next.WithContext(Where(*t));
    return HopResult::kDone;
  }
  FillInfo(t, rc);
  *outcome = Outcome(rc, *t, o);
  return HopResult::kDone;
}

void CompleteTransfer(std::unique_ptr<Transfer> t, Status status) {
  t->response.status = std::move(status);
  HttpFetcher::Callback done = std::move(t->done);
  HttpResponse response = std::move(t->response);
  t.reset();
  if (done) done(std::move(response));
}

}  // namespace harrier::scrapers
