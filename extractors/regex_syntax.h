// A small reader of ICU regular-expression syntax that keeps only what
// literal analysis needs: literals, groups, alternation, quantifiers and
// zero-width assertions. Anything else (\w, '.', large or negated classes,
// back-references, cased non-ASCII letters) is a "barrier" that stands for
// text no literal can name. regex_prefix.h builds on it: the literals every
// match starts with, and the literals every match contains.
// Pure functions, safe from any thread.
#ifndef HARRIER_EXTRACTORS_REGEX_SYNTAX_H_
#define HARRIER_EXTRACTORS_REGEX_SYNTAX_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harrier::extractors::regex_syntax {

// kLiteral: `literal` is one character as UTF-8, ASCII letters lower-cased,
// every white-space character (\s) as " ". kOptional is an atom quantified
// with a minimum of 0, kRepeat one with a minimum of 1 and more than one
// repetition; both have `literal` "repeat" when the atom may follow itself,
// and their one child is the atom. Small bounded repeats (\d{1,2}) are spelt
// out as an alternation of sequences.
struct Node {
  enum Type { kLiteral, kZeroWidth, kBarrier, kSequence, kAlternation, kOptional, kRepeat };
  Type type = kBarrier;
  std::string literal;  // kLiteral: UTF-8, ASCII lower-cased
  std::vector<Node> children;
};

// The tree of `pattern`, or nullopt when it uses syntax the reader does not
// know (free spacing, an unclosed group, a quantifier with nothing before).
std::optional<Node> ParseRegex(std::string_view pattern);

}  // namespace harrier::extractors::regex_syntax

#endif  // HARRIER_EXTRACTORS_REGEX_SYNTAX_H_
