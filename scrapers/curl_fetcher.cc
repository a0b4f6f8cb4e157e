// CurlFetcher's network thread: one curl multi handle, the queue of submitted
// transfers, per-host politeness (delay between starts and concurrency, per
// request), redirects re-added hop by hop, and shutdown. Each transfer's easy
// handle, callbacks and outcome are in curl_transfer.cc.
#include "scrapers/curl_fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "scrapers/address_guard.h"
#include "scrapers/curl_transfer.h"
#include "scrapers/url.h"

namespace harrier::scrapers {

namespace {

// How long the network thread sleeps with nothing to do; Submit and curl's
// own timers wake it sooner.
constexpr int kIdlePollMs = 1000;

CURLcode GlobalInit() {
  static std::once_flag once;
  static CURLcode result = CURLE_FAILED_INIT;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

}  // namespace

bool IsForbiddenAddress(const std::string& ip) { return !ForbiddenRange(ip).empty(); }

// ---- The network thread --------------------------------------------------

// A host's politeness state, kept while it has transfers running or its
// delay since the last start has not yet passed.
struct HostState {
  int running = 0;
  bool started = false;
  SteadyTime last_start{};
};

// The strictest rules among the requests waiting for one host.
struct HostRule {
  int delay_ms = 0;
  int connections = 1;
};

struct CurlFetcher::Impl {
  explicit Impl(const config::FetchOptions& o);
  ~Impl() {
    if (multi != nullptr) curl_multi_cleanup(multi);
  }
  void Enqueue(std::unique_ptr<Transfer> t);
  void Run();
  int StartReady();
  void Start(std::unique_ptr<Transfer> t);
  void Reap();
  void Done(std::unique_ptr<Transfer> t, Status status);
  void ShutDown();

  const config::FetchOptions options;
  SystemClock clock;  // the constructor takes no Clock; only intervals use it
  CURLM* multi = nullptr;

  std::mutex mu;
  std::vector<std::unique_ptr<Transfer>> submitted;  // guarded by mu
  bool stopping = false;                             // guarded by mu

  // Owned by the network thread.
  std::deque<std::unique_ptr<Transfer>> pending;  // waiting for their host
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> running;
  std::unordered_map<std::string, HostState> hosts;
  int longest_delay_ms = 0;  // of any request so far: how long to keep a HostState
  std::thread thread;
};

CurlFetcher::Impl::Impl(const config::FetchOptions& o) : options(o) {
  if (GlobalInit() != CURLE_OK) return;
  multi = curl_multi_init();
  if (multi == nullptr) return;
  const long total = std::max(o.max_connections, 1);
  // Without multiplexing every transfer has its own connection, so the
  // total is also a limit on concurrent requests. The per-host limit is
  // ours (StartReady), because a request may raise it for its host; curl's
  // own per-host cap would silently hold such a host to the default.
  CURLMcode rc = curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);
  if (rc == CURLM_OK) {
    rc = curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total);
  }
  if (rc == CURLM_OK) {
    rc = curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
  }
  if (rc != CURLM_OK) {  // fail closed: no fetcher rather than an unlimited one
    curl_multi_cleanup(multi);
    multi = nullptr;
  }
}

void CurlFetcher::Impl::Enqueue(std::unique_ptr<Transfer> t) {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (multi != nullptr && !stopping) {
      submitted.push_back(std::move(t));
      curl_multi_wakeup(multi);
      return;
    }
  }
  std::string where = "fetch " + t->request.url + ": ";
  Status status = multi == nullptr ? Status::Internal(where + "curl initialisation failed")
                                   : Status::Unavailable(where + "fetcher shut down");
  CompleteTransfer(std::move(t), std::move(status));
}

void CurlFetcher::Impl::Run() {
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (stopping) break;
      for (auto& t : submitted) pending.push_back(std::move(t));
      submitted.clear();
    }
    int still_running = 0;
    curl_multi_perform(multi, &still_running);
    Reap();
    // After Reap, so a slot freed just now is used at once; new handles
    // make curl_multi_poll return immediately.
    int wait_ms = StartReady();
    curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
  }
  ShutDown();
}

// Starts every pending transfer whose host is below its connection limit and
// out of its politeness delay; returns how long to wait before a delay ends.
// A transfer held by the connection limit is started when one finishes.
int CurlFetcher::Impl::StartReady() {
  using std::chrono::milliseconds;
  const SteadyTime now = clock.SteadyNow();
  std::unordered_map<std::string, HostRule> rules;
  for (const auto& t : pending) {
    longest_delay_ms = std::max(longest_delay_ms, t->host_delay_ms);
    auto [it, fresh] = rules.try_emplace(t->host, HostRule{t->host_delay_ms, t->host_connections});
    if (!fresh) {
      it->second.delay_ms = std::max(it->second.delay_ms, t->host_delay_ms);
      it->second.connections = std::min(it->second.connections, t->host_connections);
    }
  }
  int wait_ms = kIdlePollMs;
  std::deque<std::unique_ptr<Transfer>> waiting;
  while (!pending.empty()) {
    std::unique_ptr<Transfer> t = std::move(pending.front());
    pending.pop_front();
    const HostRule& rule = rules[t->host];
    HostState& host = hosts[t->host];
    const milliseconds delay(rule.delay_ms);
    if (host.running >= rule.connections) {
      waiting.push_back(std::move(t));
      continue;
    }
    if (delay.count() > 0 && host.started && now < host.last_start + delay) {
      auto due = std::chrono::duration_cast<milliseconds>(host.last_start + delay - now);
      wait_ms = std::min(wait_ms, static_cast<int>(due.count()) + 1);
      waiting.push_back(std::move(t));
      continue;
    }
    host.started = true;
    host.last_start = now;
    Start(std::move(t));
  }
  pending.swap(waiting);
  const milliseconds keep(longest_delay_ms);
  std::erase_if(hosts, [&](const auto& kv) {
    return kv.second.running == 0 && now >= kv.second.last_start + keep;
  });
  return wait_ms;
}

void CurlFetcher::Impl::Start(std::unique_ptr<Transfer> t) {
  Status status = PrepareTransfer(t.get(), options);
  if (status.ok() && curl_multi_add_handle(multi, t->easy) != CURLM_OK) {
    status = Status::Internal("add transfer to curl multi handle");
  }
  if (!status.ok()) {
    status = status.WithContext("fetch " + t->request.url);
    CompleteTransfer(std::move(t), std::move(status));
    return;
  }
  hosts[t->host].running++;
  CURL* easy = t->easy;
  running.emplace(easy, std::move(t));
}

void CurlFetcher::Impl::Reap() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    auto it = running.find(easy);
    if (it == running.end()) continue;
    CURLcode rc = msg->data.result;  // msg dies with remove_handle below
    curl_multi_remove_handle(multi, easy);
    Status status;
    if (FinishHop(it->second.get(), rc, options, &status) == HopResult::kFollow) {
      // The next hop of a redirect runs at once, on the same handle, and
      // counts against the first URL's host, as the whole fetch did.
      if (curl_multi_add_handle(multi, easy) == CURLM_OK) continue;
      status = Status::Internal("fetch " + it->second->request.url +
                                ": add redirect to curl multi handle");
    }
    std::unique_ptr<Transfer> t = std::move(it->second);
    running.erase(it);
    Done(std::move(t), std::move(status));
  }
}

void CurlFetcher::Impl::Done(std::unique_ptr<Transfer> t, Status status) {
  auto host = hosts.find(t->host);
  if (host != hosts.end()) host->second.running--;
  CompleteTransfer(std::move(t), std::move(status));
}

void CurlFetcher::Impl::ShutDown() {
  std::vector<std::unique_ptr<Transfer>> unfinished;
  for (auto& [easy, t] : running) {
    curl_multi_remove_handle(multi, easy);
    unfinished.push_back(std::move(t));
  }
  running.clear();
  for (auto& t : pending) unfinished.push_back(std::move(t));
  pending.clear();
  {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& t : submitted) unfinished.push_back(std::move(t));
    submitted.clear();
  }
  for (auto& t : unfinished) {
    std::string url = t->request.url;
    CompleteTransfer(std::move(t), Status::Unavailable("fetch " + url + ": fetcher shut down"));
  }
}

CurlFetcher::CurlFetcher(const config::FetchOptions& options)
    : impl_(std::make_unique<Impl>(options)) {
  if (impl_->multi != nullptr) {
    impl_->thread = std::thread([this] { impl_->Run(); });
  }
}

CurlFetcher::~CurlFetcher() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
    if (impl_->multi != nullptr) curl_multi_wakeup(impl_->multi);
  }
  if (impl_->thread.joinable()) impl_->thread.join();
}

void CurlFetcher::Submit(HttpRequest request, Callback done) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->done = std::move(done);
  t->response.url = t->request.url;
  t->clock = &impl_->clock;
  t->host = UrlHost(t->request.url);
  const config::FetchOptions& o = impl_->options;
  t->host_delay_ms =
      std::max(t->request.host_delay_ms >= 0 ? t->request.host_delay_ms : o.per_host_delay_ms, 0);
  t->host_connections = std::max(
      t->request.host_connections > 0 ? t->request.host_connections : o.per_host_connections, 1);
  impl_->Enqueue(std::move(t));
}

}  // namespace harrier::scrapers
