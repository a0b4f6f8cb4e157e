// Hostile strings for the UI's escaping tests (security.md R11): classic
// OWASP filter-evasion vectors crossed with the contexts they try to break
// out of. All invented; nothing here is a real person's data.
#ifndef HARRIER_REVIEW_UI_XSS_CORPUS_H_
#define HARRIER_REVIEW_UI_XSS_CORPUS_H_

#include <string>
#include <vector>

namespace harrier::review::ui::testing {

// At least 100 distinct payloads, each with a unique marker "xssN".
inline std::vector<std::string> XssCorpus() {
  const std::vector<std::string> vectors = {
      "<script>alert('M')</script>",
      "<img src=x onerror=alert('M')>",
      "<svg onload=alert('M')>",
      "\"><script>alert('M')</script>",
      "'><script>alert('M')</script>",
      "</textarea><script>alert('M')</script>",
      "</title><script>alert('M')</script>",
      "<iframe src=javascript:alert('M')>",
      "<body onload=alert('M')>",
      "<a href=\"javascript:alert('M')\">x</a>",
      "<math><mi xlink:href=\"javascript:alert('M')\">",
      "<details open ontoggle=alert('M')>",
      "<input autofocus onfocus=alert('M')>",
      "\" autofocus onfocus=\"alert('M')",
      "' onmouseover='alert(`M`)",
      "<style>@import 'http://evil.example/M.css';</style>",
      "<link rel=stylesheet href=//evil.example/M.css>",
      "<meta http-equiv=refresh content=\"0;url=//evil.example/M\">",
      "<base href=//evil.example/M/>",
      "<object data=//evil.example/M.swf>",
      "<embed src=//evil.example/M>",
      "<form action=//evil.example/M><button>x</button></form>",
      "<img src=//evil.example/M.png>",
      "<!--M--><script>alert(1)</script>",
      "<scr<script>ipt>alert('M')</script>",
  };
  const std::vector<std::string> wrappers = {"", "Title ", "call 07700 900123 ", "&lt;"};
  std::vector<std::string> corpus;
  int n = 0;
  for (const std::string& w : wrappers) {
    for (const std::string& v : vectors) {
      std::string p = w + v;
      const std::string marker = "xss" + std::to_string(n++);
      for (size_t at = p.find('M'); at != std::string::npos; at = p.find('M', at + marker.size())) {
        p.replace(at, 1, marker);
      }
      corpus.push_back(p);
    }
  }
  return corpus;
}

}  // namespace harrier::review::ui::testing

#endif  // HARRIER_REVIEW_UI_XSS_CORPUS_H_
