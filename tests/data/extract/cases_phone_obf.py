"""Phone numbers hidden with look-alike letters, fences, Unicode digit forms,
invisible characters, HTML elements and entities."""
from caselib import c, m, uk


def fw(s):  # fullwidth digits
    return "".join(chr(0xFF10 + int(ch)) if ch.isdigit() else ch for ch in s)


def ar(s):  # Arabic-Indic digits
    return "".join(chr(0x0660 + int(ch)) if ch.isdigit() else ch for ch in s)


def fa(s):  # Extended Arabic-Indic (Persian) digits
    return "".join(chr(0x06F0 + int(ch)) if ch.isdigit() else ch for ch in s)


def dev(s):  # Devanagari digits
    return "".join(chr(0x0966 + int(ch)) if ch.isdigit() else ch for ch in s)


def kc(s):  # keycap emoji digits
    return "".join(ch + "\ufe0f\u20e3" if ch.isdigit() else ch for ch in s)


def circ(s):  # circled digits
    return "".join(("\u24ea" if ch == "0" else chr(0x2460 + int(ch) - 1)) if ch.isdigit() else ch
                   for ch in s)


def bold(s):  # mathematical bold digits
    return "".join(chr(0x1D7CE + int(ch)) if ch.isdigit() else ch for ch in s)


ZW = "\u200b"
ZWNJ = "\u200c"
ZWJ = "\u200d"
LRM = "\u200e"
LRE = "\u202a"
PDF = "\u202c"
WJ = "\u2060"
BOM = "\ufeff"
SHY = "\u00ad"

# Look-alike letters inside digit runs.
L = "obfuscated leet"
c("ph-leet-001", "call O77OO 9OO 123 babe", L + " letter-o", phones=[m(123)])
c("ph-leet-002", "07700 9OO l23", L + " letter-o letter-l", phones=[m(123)])
c("ph-leet-003", "O7700 900 I45 - text first", L + " letter-o letter-i", phones=[m(145)])
c("ph-leet-004", "0770O 9OO 1|9", L + " pipe", phones=[m(119)])
c("ph-leet-005", "o77oo9oo5S8", L + " letter-s", phones=[m(558)])
c("ph-leet-006", "07700 900 B1B", L + " letter-b", phones=[m(818)])
c("ph-leet-007", "Tel: 0770O9OOS0S", L + " letter-s letter-o", phones=[m(505)])
c("ph-leet-008", "O7 7OO 9OO 4O4", L + " letter-o regrouped", phones=[m(404)])
c("ph-leet-009", "0l2l 496 OSSS", L + " landline letter-l", phones=[uk("0121 496 0555")])
c("ph-leet-010", "number 077OO-9OO-l7l", L + " letter-o letter-l", phones=[m(171)])
c("ph-leet-011", "07700 900 2I2 xx", L + " letter-i", phones=[m(212)])
c("ph-leet-012", "\u041e77\u041e\u041e 900 333 (cyrillic O)", L + " homoglyph cyrillic", phones=[m(333)])
c("ph-leet-013", "О77ОО9ОО6ll", L + " homoglyph cyrillic letter-l", phones=[m(611)])
c("ph-leet-014", "07700 9oo 7o1", L + " letter-o", phones=[m(701)])
c("ph-leet-015", "O2O 7946 O32l office", L + " landline", phones=[uk("020 7946 0321")])

# Fences, brackets, separators between every digit.
F = "obfuscated fence"
c("ph-fence-001", "[0][7][7][0][0][9][0][0][1][2][3]", F, phones=[m(123)])
c("ph-fence-002", "((07))((700))((900))((456))", F, phones=[m(456)])
c("ph-fence-003", "0 7 7 . 0 0 . 9 0 0 . 7 8 1", F + " dots", phones=[m(781)])
c("ph-fence-004", "0*7*7*0*0*9*0*0*3*0*2", F + " stars", phones=[m(302)])
c("ph-fence-005", "{07}{70}{09}{00}{01}{9}", F, phones=[m(19)])
c("ph-fence-006", "0-7-7-0-0-9-0-0-2-3-4 call after 6", F + " dashes", phones=[m(234)])
c("ph-fence-007", "0 | 7 | 7 | 0 | 0 | 9 | 0 | 0 | 8 | 8 | 0", F + " pipes", phones=[m(880)])
c("ph-fence-008", "07 ~ 70 ~ 09 ~ 00 ~ 645", F + " tildes", phones=[m(645)])
c("ph-fence-009", "0_7_7_0_0_9_0_0_5_1_2", F + " underscores", phones=[m(512)])
c("ph-fence-010", "<0><7><7><0><0><9><0><0><3><3><3>", F + " angle", phones=[m(333)])
c("ph-fence-011", "0♥7♥7♥0♥0♥9♥0♥0♥4♥0♥4", F + " emoji-sep", phones=[m(404)])
c("ph-fence-012", "0💋7💋7💋0💋0💋9💋0💋0💋2💋1💋2", F + " emoji-sep", phones=[m(212)])
c("ph-fence-013", "0✨7700✨900✨558", F + " emoji-sep", phones=[m(558)])
c("ph-fence-014", "07700..900..664", F + " dots", phones=[m(664)])
c("ph-fence-015", "(0)(7)(7)(0)(0) (9)(0)(0) (1)(3)(9)", F, phones=[m(139)])
c("ph-fence-016", "0/7/7/0/0/9/0/0/2/4/6", F + " slashes", phones=[m(246)])
c("ph-fence-017", "0 7 7 0 0 • 9 0 0 • 0 9 3", F + " bullets", phones=[m(93)])
c("ph-fence-018", "0=7=7=0=0=9=0=0=1=7=1", F, phones=[m(171)])
c("ph-fence-019", "[[07700]] [[900]] [[929]]", F, phones=[m(929)])
c("ph-fence-020", "0,7,7,0,0,9,0,0,5,0,5", F + " commas", phones=[m(505)])

# Unicode digit forms and invisible characters.
U = "obfuscated"
c("ph-uni-001", "call " + fw("07700 900 432") + " now", U + " fullwidth", phones=[m(432)])
c("ph-uni-002", fw("07700900865") + " ☆ Jade ☆", U + " fullwidth", phones=[m(865)])
c("ph-uni-003", "رقم " + ar("07700900387"), U + " arabic-indic", phones=[m(387)])
c("ph-uni-004", "Tel " + ar("07700 900 950"), U + " arabic-indic", phones=[m(950)])
c("ph-uni-005", fa("07700 900 611") + " تماس", U + " persian-digits", phones=[m(611)])
c("ph-uni-006", "📞 " + dev("07700 900 227"), U + " devanagari", phones=[m(227)])
c("ph-uni-007", circ("07700900123") + " 💕", U + " circled", phones=[m(123)])
c("ph-uni-008", "Text " + circ("07700 900 456"), U + " circled", phones=[m(456)])
c("ph-uni-009", kc("07700900781"), U + " keycap", phones=[m(781)])
c("ph-uni-010", "📲 " + kc("07700 900 302") + " 📲", U + " keycap", phones=[m(302)])
c("ph-uni-011", "0" + kc("7700") + "900" + kc("019"), U + " keycap mixed", phones=[m(19)])
c("ph-uni-012", "07700" + ZW + "900" + ZW + "234", U + " zero-width", phones=[m(234)])
c("ph-uni-013", ZW.join("07700900880"), U + " zero-width", phones=[m(880)])
c("ph-uni-014", "0770" + ZWJ + "0 9" + ZWNJ + "00 6" + WJ + "45", U + " zero-width", phones=[m(645)])
c("ph-uni-015", LRM + "07700 900 512" + LRM, U + " bidi", phones=[m(512)])
c("ph-uni-016", "call " + LRE + "07700 900 333" + PDF + " x", U + " bidi", phones=[m(333)])
c("ph-uni-017", "07" + SHY + "700" + SHY + "900" + SHY + "404", U + " soft-hyphen", phones=[m(404)])
c("ph-uni-018", BOM + "07700" + BOM + "900212", U + " zero-width", phones=[m(212)])
c("ph-uni-019", bold("07700 900 558"), U + " math-bold", phones=[m(558)])
c("ph-uni-020", fw("+44 7700 900 664"), U + " fullwidth intl", phones=[m(664)])
c("ph-uni-021", "0" + fw("77") + ar("00") + "9" + circ("00") + kc("1") + "39", U + " mixed-scripts", phones=[m(139)])
c("ph-uni-022", "\u2070\u2077\u2077\u2070\u2070\u2079\u2070\u2070\u00b2\u2074\u2076", U + " superscript", phones=[m(246)])
c("ph-uni-023", "call ⓪⑦⑦⓪⓪ ⑨⓪⓪ ⓪⑨③ hun", U + " circled", phones=[m(93)])
c("ph-uni-024", "０７７００ nine ００ one seven one", U + " fullwidth words", phones=[m(171)])
c("ph-uni-025", "0" + ZW + "7" + LRM + "7" + ZWJ + "0" + ZW + "0 " + fw("900") + " 9" + ZW + "29", U + " zero-width bidi fullwidth", phones=[m(929)])

# Split over lines and HTML elements, entities.
S = "obfuscated split"
c("ph-split-001", "<p>Call me</p><span>07700</span><span>900</span><span>505</span>", S + " html", fmt="html", phones=[m(505)])
c("ph-split-002", "<div>077</div><div>009</div><div>004</div><div>32</div>", S + " html", fmt="html", phones=[m(432)])
c("ph-split-003", "<b>07700</b> <i>900</i> <u>865</u>", S + " html", fmt="html", phones=[m(865)])
c("ph-split-004", "<ul><li>0</li><li>7</li><li>7</li><li>0</li><li>0</li><li>9</li><li>0</li><li>0</li><li>3</li><li>8</li><li>7</li></ul>", S + " html", fmt="html", phones=[m(387)])
c("ph-split-005", "<td>07700</td><td>900</td><td>950</td>", S + " html table", fmt="html", phones=[m(950)])
c("ph-split-006", "<p>&#48;&#55;&#55;&#48;&#48; &#57;&#48;&#48; &#54;&#49;&#49;</p>", "obfuscated entity html", fmt="html", phones=[m(611)])
c("ph-split-007", "<p>Tel: 07700 &#57;00 &#x32;&#x32;7</p>", "obfuscated entity html", fmt="html", phones=[m(227)])
c("ph-split-008", "07700<br>900<br>123", S + " html", fmt="html", phones=[m(123)])
c("ph-split-009", "<span style=\"display:none\">spam</span>0770<span></span>0 900<!-- x -->456", S + " html comment", fmt="html", phones=[m(456)])
c("ph-split-010", "0\n7\n7\n0\n0\n9\n0\n0\n7\n8\n1", S + " lines", phones=[m(781)])
c("ph-split-011", "07700 90\n0 302", S + " lines", phones=[m(302)])
c("ph-split-012", "my number starts 07700\nthen 900\nthen 019", S + " lines", phones=[m(19)])
c("ph-split-013", "<p>zero seven seven zero zero</p><p>nine zero zero</p><p>two three four</p>", S + " html words", fmt="html", phones=[m(234)])
c("ph-split-014", "<span>&#x30;&#x37;&#x37;&#x30;&#x30;</span><span>&#x39;&#x30;&#x30;</span><span>&#x38;&#x38;&#x30;</span>", S + " entity html", fmt="html", phones=[m(880)])
c("ph-split-015", "<div class=n>07700</div>\n<div class=n>900</div>\n<div class=n>645</div>\n<p>£100 per hour</p>", S + " html prices", fmt="html", phones=[m(645)])
c("ph-split-016", "<h2>Mina</h2><p>0<b>7</b>7<b>0</b>0<b>9</b>0<b>0</b>5<b>1</b>2</p>", S + " html", fmt="html", phones=[m(512)])
c("ph-split-017", "0770\n0900\n333", S + " lines", phones=[m(333)])
c("ph-split-018", "<p>Number:</p>\n<p>07700</p>\n<p>900 404</p>\n<p>Age: 23</p>", S + " html", fmt="html", phones=[m(404)])
c("ph-split-019", "<p>&#79;7700 9&#79;&#79; 212</p>", S + " html entity leet", fmt="html", phones=[m(212)])
c("ph-split-020", "text 07700 &nbsp; 900 &nbsp; 558", "obfuscated entity nbsp", fmt="html", phones=[m(558)])
