#include "registry/ch_client.h"

#include <cctype>
#include <utility>

#include "registry/api_key.h"

namespace harrier::registry {
namespace {

// Walks a listing to its last page. `parse(body)` gives a Page<T>-like value
// with items, paging and next_start_index; `get(start)` fetches one page.
template <typename PageT, typename Get, typename Parse, typename Items>
Status WalkPages(int max_pages, Get get, Parse parse, Items&& on_page) {
  int64_t start = 0;
  for (int pages = 0; pages < max_pages; ++pages) {
    Result<HttpReply> reply = get(start);
    if (!reply.ok()) return reply.status();
    Result<PageT> page = parse(reply->body);
    if (!page.ok()) return page.status();
    std::optional<int64_t> next = on_page(std::move(*page));
    // A next index that does not move forward would loop for ever.
    if (!next.has_value() || *next <= start) return Status::Ok();
    start = *next;
  }
  return Status::Ok();  // cut at max_pages: what was read is kept
}

}  // namespace

bool IsValidOfficerId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

std::string EncodeQueryValue(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

CompaniesHouseClient::CompaniesHouseClient(Transport& transport, TokenBucket& bucket,
                                           const Clock& clock, Sleeper& sleeper,
                                           std::string api_key, ClientOptions options)
    : transport_(transport),
      bucket_(bucket),
      clock_(clock),
      sleeper_(sleeper),
      api_key_(std::move(api_key)),
      auth_header_(BasicAuthHeader(api_key_)),
      options_(std::move(options)) {}

void CompaniesHouseClient::AwaitToken() {
  for (auto wait = bucket_.TryAcquire(); wait.count() > 0; wait = bucket_.TryAcquire()) {
    sleeper_.Sleep(wait);
  }
}

std::string CompaniesHouseClient::PageQuery(int64_t start_index) const {
  return "items_per_page=" + std::to_string(options_.items_per_page) +
         "&start_index=" + std::to_string(start_index);
}

Result<HttpReply> CompaniesHouseClient::GetPath(const std::string& path_and_query) {
  const Headers headers = {{"Authorization", auth_header_}, {"Accept", "application/json"}};
  const std::string what = "companies house GET " + RedactKey(path_and_query, api_key_);
  for (int attempt = 0;; ++attempt) {
    AwaitToken();
    ++requests_sent_;
    Result<HttpReply> reply = transport_.Get(options_.base_url + path_and_query, headers);
    if (!reply.ok()) {
      return Status(reply.status().code(),
                    what + ": " + RedactKey(reply.status().message(), api_key_));
    }
    int code = reply->status;
    if (code >= 200 && code < 300) return reply;
    if (code == 429) {
      // The key's window is used up (by us or another process on the key):
      // nobody on this bucket sends until the server's window resets.
      WallTime now = clock_.WallNow();
      WallTime at = RetryAt(reply->headers, now);
      bucket_.DrainUntil(clock_.SteadyNow() + (at - now));
      if (attempt >= options_.max_429_retries) {
        return Status::Unavailable(what + ": 429 rate limited after " +
                                   std::to_string(attempt + 1) + " attempts");
      }
      continue;
    }
    if (code == 404) return Status::NotFound(what + ": 404 not found");
    if (code == 401 || code == 403) {
      return Status::Rejected(what + ": " + std::to_string(code) +
                              " (the API key was refused: check it is a REST key, sent as "
                              "user name with an empty password)");
    }
    if (code >= 500) return Status::Unavailable(what + ": HTTP " + std::to_string(code));
    // 400 and the like: this request was wrong, the key may still be good.
    return Status::InvalidArgument(what + ": HTTP " + std::to_string(code));
  }
}

Result<Company> CompaniesHouseClient::GetCompany(std::string_view company_number) {
  Result<std::string> n = NormaliseCompanyNumber(company_number);
  if (!n.ok()) return n.status();
  std::string path = "/company/" + *n;
  Result<HttpReply> reply = GetPath(path);
  if (!reply.ok()) return reply.status();
  Result<Company> c = ParseCompanyProfile(reply->body);
  if (!c.ok()) return c.status().WithContext(path);
  return c;
}

Result<Address> CompaniesHouseClient::GetRegisteredOffice(std::string_view company_number) {
  Result<std::string> n = NormaliseCompanyNumber(company_number);
  if (!n.ok()) return n.status();
  std::string path = "/company/" + *n + "/registered-office-address";
  Result<HttpReply> reply = GetPath(path);
  if (!reply.ok()) return reply.status();
  Result<Address> a = ParseRegisteredOffice(reply->body);
  if (!a.ok()) return a.status().WithContext(path);
  return a;
}

Result<std::vector<OfficerEntry>> CompaniesHouseClient::ListOfficers(
    std::string_view company_number) {
  Result<std::string> n = NormaliseCompanyNumber(company_number);
  if (!n.ok()) return n.status();
  std::string path = "/company/" + *n + "/officers";
  std::vector<OfficerEntry> all;
  Status st = WalkPages<Page<OfficerEntry>>(
      options_.max_pages, [&](int64_t s) { return GetPath(path + "?" + PageQuery(s)); },
      [&](const std::string& body) { return ParseOfficerList(body, *n); },
      [&](Page<OfficerEntry> p) {
        for (auto& e : p.items) all.push_back(std::move(e));
        return p.next_start_index;
      });
  if (!st.ok()) return st.code() == StatusCode::kCorrupt ? st.WithContext(path) : st;
  return all;
}

Result<std::vector<Psc>> CompaniesHouseClient::ListPscs(std::string_view company_number) {
  Result<std::string> n = NormaliseCompanyNumber(company_number);
  if (!n.ok()) return n.status();
  std::string path = "/company/" + *n + "/persons-with-significant-control";
  std::vector<Psc> all;
  Status st = WalkPages<Page<Psc>>(
      options_.max_pages, [&](int64_t s) { return GetPath(path + "?" + PageQuery(s)); },
      [&](const std::string& body) { return ParsePscList(body, *n); },
      [&](Page<Psc> p) {
        for (auto& e : p.items) all.push_back(std::move(e));
        return p.next_start_index;
      });
  if (!st.ok()) return st.code() == StatusCode::kCorrupt ? st.WithContext(path) : st;
  return all;
}

Result<AppointmentsPage> CompaniesHouseClient::ListAppointments(std::string_view officer_id) {
  if (!IsValidOfficerId(officer_id)) {
    return Status::InvalidArgument("officer id is not [A-Za-z0-9_-]+");
  }
  std::string path = "/officers/" + std::string(officer_id) + "/appointments";
  AppointmentsPage all;
  bool first = true;
  Status st = WalkPages<AppointmentsPage>(
      options_.max_pages, [&](int64_t s) { return GetPath(path + "?" + PageQuery(s)); },
      [&](const std::string& body) { return ParseAppointments(body); },
      [&](AppointmentsPage p) {
        if (first) {
          all.officer = p.officer;
          all.page.paging = p.page.paging;
          first = false;
        }
        for (auto& a : p.page.items) all.page.items.push_back(std::move(a));
        return p.page.next_start_index;
      });
  if (!st.ok()) return st.code() == StatusCode::kCorrupt ? st.WithContext(path) : st;
  if (all.officer.officer_id.empty()) all.officer.officer_id = std::string(officer_id);
  for (Appointment& a : all.page.items) a.officer_id = all.officer.officer_id;
  return all;
}

Result<Page<CompanySearchHit>> CompaniesHouseClient::SearchCompanies(std::string_view query,
                                                                     int64_t start_index) {
  std::string path =
      "/search/companies?q=" + EncodeQueryValue(query) + "&" + PageQuery(start_index);
  Result<HttpReply> reply = GetPath(path);
  if (!reply.ok()) return reply.status();
  Result<Page<CompanySearchHit>> p = ParseCompanySearch(reply->body);
  if (!p.ok()) return p.status().WithContext("/search/companies");
  return p;
}

Result<Page<OfficerSearchHit>> CompaniesHouseClient::SearchOfficers(std::string_view query,
                                                                    int64_t start_index) {
  std::string path = "/search/officers?q=" + EncodeQueryValue(query) + "&" + PageQuery(start_index);
  Result<HttpReply> reply = GetPath(path);
  if (!reply.ok()) return reply.status();
  Result<Page<OfficerSearchHit>> p = ParseOfficerSearch(reply->body);
  if (!p.ok()) return p.status().WithContext("/search/officers");
  return p;
}

}  // namespace harrier::registry
