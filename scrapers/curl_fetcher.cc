// CurlFetcher's network thread: one curl multi handle, the queue of submitted
// transfers, the per-host politeness delay, and shutdown. Each transfer's
// easy handle, callbacks and outcome are in curl_transfer.cc.
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
  void ShutDown();

  const config::FetchOptions options;
  SystemClock clock;  // the constructor takes no Clock; only intervals use it
  CURLM* multi = nullptr;

  std::mutex mu;
  std::vector<std::unique_ptr<Transfer>> submitted;  // guarded by mu
  bool stopping = false;                             // guarded by mu

  // Owned by the network thread.
  std::deque<std::unique_ptr<Transfer>> pending;  // waiting for the host delay
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> running;
  std::unordered_map<std::string, SteadyTime> last_start;  // per host
  std::thread thread;
};

CurlFetcher::Impl::Impl(const config::FetchOptions& o) : options(o) {
  if (GlobalInit() != CURLE_OK) return;
  multi = curl_multi_init();
  if (multi == nullptr) return;
  const long total = std::max(o.max_connections, 1);
  const long per_host = std::max(o.per_host_connections, 1);
  // Without multiplexing every transfer has its own connection, so the
  // connection limits are also limits on concurrent requests.
  CURLMcode rc = curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);
  if (rc == CURLM_OK) {
    rc = curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total);
  }
  if (rc == CURLM_OK) {
    rc = curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, per_host);
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
    for (auto& t : pending) {
      if (t->host.empty()) t->host = UrlHost(t->request.url);
    }
    int wait_ms = StartReady();
    int still_running = 0;
    curl_multi_perform(multi, &still_running);
    Reap();
    curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
  }
  ShutDown();
}

// Starts every pending transfer whose host is out of its politeness delay;
// returns how long to wait before the next one is due.
int CurlFetcher::Impl::StartReady() {
  using std::chrono::milliseconds;
  const SteadyTime now = clock.SteadyNow();
  const milliseconds delay(std::max(options.per_host_delay_ms, 0));
  int wait_ms = kIdlePollMs;
  std::deque<std::unique_ptr<Transfer>> waiting;
  while (!pending.empty()) {
    std::unique_ptr<Transfer> t = std::move(pending.front());
    pending.pop_front();
    auto last = last_start.find(t->host);
    if (delay.count() > 0 && last != last_start.end() && now < last->second + delay) {
      auto due = std::chrono::duration_cast<milliseconds>(last->second + delay - now);
      wait_ms = std::min(wait_ms, static_cast<int>(due.count()) + 1);
      waiting.push_back(std::move(t));
      continue;
    }
    if (delay.count() > 0) last_start[t->host] = now;
    Start(std::move(t));
  }
  pending.swap(waiting);
  std::erase_if(last_start, [&](const auto& kv) { return now >= kv.second + delay; });
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
  CURL* easy = t->easy;
  running.emplace(easy, std::move(t));
}

void CurlFetcher::Impl::Reap() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    auto it = running.find(msg->easy_handle);
    if (it == running.end()) continue;
    CURLcode rc = msg->data.result;  // msg dies with remove_handle below
    std::unique_ptr<Transfer> t = std::move(it->second);
    running.erase(it);
    curl_multi_remove_handle(multi, t->easy);
    Status status = FinishTransfer(t.get(), rc, options);
    CompleteTransfer(std::move(t), std::move(status));
  }
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
  impl_->Enqueue(std::move(t));
}

}  // namespace harrier::scrapers
