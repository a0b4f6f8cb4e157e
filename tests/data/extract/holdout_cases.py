"""Hand-written cases of the held-out set (see HOLDOUT.md). Do not tune on them.

add_cases(c, V, uk, h, flip): c(id, text, tags, fmt="text", **labels) adds a
case; V holds the invented wallets/IBANs; uk("07700 900412") gives E.164;
h(platform, handle) a handle label; flip(s, i) breaks one character.
"""

ZW, ZWNJ, ZWJ, LRM, RLM, SHY, NBSP = "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\u00a0"


def plain(c, uk):
    c("ho-pl-001", "Hi gents, Kasia here 💋 new to Leeds this week. Call or text 07700 900412, "
      "no withheld numbers please.", ["plain", "advert"], phones=[uk("07700900412")],
      places=["Leeds"])
    c("ho-pl-002", "Outcalls only!! Tel 07700900583 (texts answered first)", ["plain", "compact"],
      phones=[uk("07700900583")])
    c("ho-pl-003", "📞 +44 7700 900 271 — WhatsApp same number", ["plain", "intl"],
      phones=[uk("07700900271")])
    c("ho-pl-004", "ring me on +44 (0)7700 900 936 any time after midday x", ["plain", "plus44-0"],
      phones=[uk("07700900936")])
    c("ho-pl-005", "From abroad? dial 0044 7700 900148", ["plain", "0044"],
      phones=[uk("07700900148")])
    c("ho-pl-006", "my no is 44 7700 900 695 whatsapp only, no calls", ["plain", "44-no-plus"],
      phones=[uk("07700900695")])
    c("ho-pl-007", "Reception (01632) 960 118 - ask for Marta", ["plain", "landline", "brackets"],
      phones=[uk("01632960118")])
    c("ho-pl-008", "Central London apartment. Bookings line 020 7946 0321, 11am-11pm.",
      ["plain", "landline"], phones=[uk("02079460321")], places=["London"])
    c("ho-pl-009", "Leeds studio line: 0113 496 0555", ["plain", "landline"],
      phones=[uk("01134960555")], places=["Leeds"])
    c("ho-pl-010", "Call 0161-496-0782 for the Manchester diary", ["plain", "landline", "hyphen"],
      phones=[uk("01614960782")], places=["Manchester"])
    c("ho-pl-011", "Newcastle upon Tyne incalls, 0191 498 0044", ["plain", "landline"],
      phones=[uk("01914980044")], places=["Newcastle upon Tyne"])
    c("ho-pl-012", "07700.900.317 text first x", ["plain", "dots"], phones=[uk("07700900317")])
    c("ho-pl-013", "Mob: 07700-900-864", ["plain", "hyphen"], phones=[uk("07700900864")])
    c("ho-pl-014", "0 7700 900 529 ☎ leave a message if I don't answer", ["plain", "regrouped"],
      phones=[uk("07700900529")])
    c("ho-pl-015", "Glasgow agency: 0141 496 0903 / 07700 900 770", ["plain", "two", "landline"],
      phones=[uk("01414960903"), uk("07700900770")], places=["Glasgow"])
    c("ho-pl-016", "Edinburgh 0131 496 0210 (Leith Walk)", ["plain", "landline"],
      phones=[uk("01314960210")], places=["Edinburgh"])
    c("ho-pl-017", "Brum girls, book on 0121 496 0347", ["plain", "landline", "abbrev"],
      phones=[uk("01214960347")])
    c("ho-pl-018", "Liverpool - 0151 496 0618 - city centre", ["plain", "landline"],
      phones=[uk("01514960618")], places=["Liverpool"])
    c("ho-pl-019", "0114 496 0089 Sheffield city centre, free parking", ["plain", "landline"],
      phones=[uk("01144960089")], places=["Sheffield"])
    c("ho-pl-020", "Nottingham 0115 4960 733", ["plain", "landline", "regrouped"],
      phones=[uk("01154960733")], places=["Nottingham"])
    c("ho-pl-021", "Leicester: 0116 496 0452", ["plain", "landline"],
      phones=[uk("01164960452")], places=["Leicester"])
    c("ho-pl-022", "Bristol, call 0117 496 0901 between 10 and 10", ["plain", "landline"],
      phones=[uk("01174960901")], places=["Bristol"])
    c("ho-pl-023", "Reading - 0118 496 0266 - discreet apartment near the station",
      ["plain", "landline", "ambiguous"], phones=[uk("01184960266")], places=["Reading"])
    c("ho-pl-024", '<p>Ready when you are</p><a href="tel:+447700900159" class="btn">Call me</a>',
      ["tel", "link", "href"], fmt="html", phones=[uk("07700900159")])
    c("ho-pl-025", '<a href="https://wa.me/447700900482?text=Hi%20from%20the%20site">'
      'Message on WhatsApp</a>', ["wa-me", "link", "href"], fmt="html",
      phones=[uk("07700900482")])
    c("ho-pl-026", "chat here: https://api.whatsapp.com/send?phone=447700900388&text=hello",
      ["api-whatsapp", "link"], phones=[uk("07700900388")])
    c("ho-pl-027", "Telegram me direct t.me/+447700900641", ["t-me", "link"],
      phones=[uk("07700900641")])
    c("ho-pl-028", "07700 900 205 or my work phone 07700 900 206", ["plain", "two"],
      phones=[uk("07700900205"), uk("07700900206")])
    c("ho-pl-029", "(07700) 900 813 — text only", ["plain", "brackets"],
      phones=[uk("07700900813")])
    c("ho-pl-030", "Contact +447700900057", ["plain", "compact", "intl"],
      phones=[uk("07700900057")])
    c("ho-pl-031", "Tel.:07700900996.", ["plain", "punctuation"], phones=[uk("07700900996")])
    c("ho-pl-032", "07700" + NBSP + "900" + NBSP + "714 (calls 9-5)", ["plain", "nbsp"],
      phones=[uk("07700900714")])
    c("ho-pl-033", '<div class="contact"><a href="tel:07700900921">07700 900 921</a> | '
      '<a href="https://wa.me/447700900921">WhatsApp</a></div>', ["tel", "wa-me", "link"],
      fmt="html", phones=[uk("07700900921")])
    c("ho-pl-034", "phone 07700 900 318\nwhatsapp 07700 900 318", ["plain", "repeat"],
      phones=[uk("07700900318")])
    c("ho-pl-035", "+44 20 7946 0777 (front desk)", ["plain", "landline", "intl"],
      phones=[uk("02079460777")])


def obfuscated(c, uk):
    o = ["obfuscated"]
    c("ho-ob-001", "call me on oh seven seven oh oh nine oh oh three five two",
      o + ["words"], phones=[uk("07700900352")])
    c("ho-ob-002", "zero seven seven zero zero, nine zero zero, six one four 😘", o + ["words"],
      phones=[uk("07700900614")])
    c("ho-ob-003", "oh double seven double oh nine double oh four eight one", o + ["words", "double"],
      phones=[uk("07700900481")])
    c("ho-ob-004", "text: oh seven seven double zero nine double zero triple five",
      o + ["words", "double", "triple"], phones=[uk("07700900555")])
    c("ho-ob-005", "my num o77oo9oo2one6 dont call after 1am", o + ["letter-o", "glued", "words"],
      phones=[uk("07700900216")])
    c("ho-ob-006", "0 7 7 0 0 9 0 0 f0ur 3 eight", o + ["leet", "words", "spaced"],
      phones=[uk("07700900438")])
    c("ho-ob-007", "Number: O77OO 9OO 4O1", o + ["letter-o"], phones=[uk("07700900401")])
    c("ho-ob-008", "O77OO 9OO l7I xx", o + ["letter-o", "letter-l", "letter-i"],
      phones=[uk("07700900171")])
    c("ho-ob-009", "ring O77OO-9OO-SB8", o + ["letter-o", "letter-s", "letter-b"],
      phones=[uk("07700900588")])
    c("ho-ob-010", "[0][7][7][0][0] [9][0][0] [7][2][5]", o + ["fence"],
      phones=[uk("07700900725")])
    c("ho-ob-011", "((07)) ((700)) ((900)) ((364))", o + ["fence", "brackets"],
      phones=[uk("07700900364")])
    c("ho-ob-012", "0 7 7 . 0 0 . 9 0 0 . 8 4 2", o + ["spaced", "dots"],
      phones=[uk("07700900842")])
    c("ho-ob-013", "07💋700💋900💋519", o + ["emoji-sep"], phones=[uk("07700900519")])
    c("ho-ob-014", "0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣ 6️⃣3️⃣8️⃣ 📲", o + ["keycap"],
      phones=[uk("07700900638")])
    c("ho-ob-015", "ＴＥＬ ０７７００ ９００ ２９４", o + ["fullwidth"], phones=[uk("07700900294")])
    c("ho-ob-016", "⓪⑦⑦⓪⓪ ⑨⓪⓪ ①⑤⑧", o + ["circled"], phones=[uk("07700900158")])
    c("ho-ob-017", "mobile 077" + ZW + "00 9" + ZWNJ + "00 " + ZWJ + "731", o + ["zero-width"],
      phones=[uk("07700900731")])
    c("ho-ob-018", "0770" + LRM + "0 900" + RLM + " 466", o + ["bidi"], phones=[uk("07700900466")])
    c("ho-ob-019", "<p>Call &#48;&#55;&#55;&#48;&#48; &#57;&#48;&#48; &#51;&#50;&#57;</p>",
      o + ["entity"], fmt="html", phones=[uk("07700900329")])
    c("ho-ob-020", "<p>Phone: <span>0770</span><span>0 90</span><b>0 118</b></p>",
      o + ["split"], fmt="html", phones=[uk("07700900118")])
    c("ho-ob-021", "call\n07700\n900\n647\nthanks", o + ["split", "lines"],
      phones=[uk("07700900647")])
    c("ho-ob-022", "Number in two halves cos the site blocks it: 07700 ... and then 900 852",
      o + ["split", "instruction"], phones=[uk("07700900852")])
    c("ho-ob-023", "📱 𝟎𝟕𝟕𝟎𝟎 𝟗𝟎𝟎 𝟑𝟕𝟔", o + ["math-bold"], phones=[uk("07700900376")])
    c("ho-ob-024", "رقم ٠٧٧٠٠ ٩٠٠ ٥٦٢", o + ["arabic-indic"], phones=[uk("07700900562")])
    c("ho-ob-025", "oh seven seven hundred, nine hundred, two fifty-one", o + ["words", "hundred",
      "tens"], phones=[uk("07700900251")])
    c("ho-ob-026", "o seven seven zero zero nine zero zero thirteen nine", o + ["words", "teens"],
      phones=[uk("07700900139")])
    c("ho-ob-027", "0 7 seven 0 0 nine 0 0 4 five 7", o + ["words", "mixed"],
      phones=[uk("07700900457")])
    c("ho-ob-028", "ZERO SEVEN SEVEN ZERO ZERO NINE ZERO ZERO ONE SIX NINE", o + ["words", "upper"],
      phones=[uk("07700900169")])
    c("ho-ob-029", "o-7-7-o-o-9-o-o-2-8-3", o + ["letter-o", "hyphen"],
      phones=[uk("07700900283")])
    c("ho-ob-030", "0*7*7*0*0*9*0*0*6*1*2", o + ["stars"], phones=[uk("07700900612")])
    c("ho-ob-031", "landline: oh one six three two, nine six oh, one four seven",
      o + ["words", "landline"], phones=[uk("01632960147")])
    c("ho-ob-032", "plus four four seven seven oh oh nine oh oh five three nine",
      o + ["words", "plus"], phones=[uk("07700900539")])
    c("ho-ob-033", "Sună-mă: zero șapte șapte zero zero nouă zero zero doi trei opt",
      o + ["romanian", "foreign-words"], phones=[uk("07700900238")])
    c("ho-ob-034", "Zadzwoń: zero siedem siedem zero zero dziewięć zero zero cztery jeden sześć",
      o + ["polish", "foreign-words"], phones=[uk("07700900416")])
    c("ho-ob-035", "Hívj: nulla hét hét nulla nulla kilenc nulla nulla öt hat hét",
      o + ["hungarian", "foreign-words"], phones=[uk("07700900567")])
    c("ho-ob-036", "Më telefono: zero shtatë shtatë zero zero nëntë zero zero tre katër tetë",
      o + ["albanian", "foreign-words"], phones=[uk("07700900348")])
    c("ho-ob-037", "Gọi em: không bảy bảy không không chín không không một năm hai",
      o + ["vietnamese", "foreign-words"], phones=[uk("07700900152")])
    c("ho-ob-038", "电话 〇七七〇〇 九〇〇 三八六", o + ["chinese", "foreign-words"],
      phones=[uk("07700900386")])
    c("ho-ob-039", "联系我：零七七零零九零零五二四", o + ["chinese", "foreign-words"],
      phones=[uk("07700900524")])
    c("ho-ob-040", "suna: zero sapte sapte zero zero noua zero zero cinci sase unu",
      o + ["romanian", "foreign-words", "no-diacritics"], phones=[uk("07700900561")])
    c("ho-ob-041", "<div>07700<br>900<br>274</div>", o + ["split", "lines"], fmt="html",
      phones=[uk("07700900274")])
    c("ho-ob-042", "<p>&#x30;7700 900 &#x39;31</p>", o + ["entity", "hex"], fmt="html",
      phones=[uk("07700900931")])
    c("ho-ob-043", "tel \u041e77\u041e\u041e 9\u041e\u041e 873", o + ["homoglyph", "cyrillic"],
      phones=[uk("07700900873")])
    c("ho-ob-044", "077" + SHY + "00 900" + SHY + " 445", o + ["soft-hyphen"],
      phones=[uk("07700900445")])
    c("ho-ob-045", "number is 07700 9oo 3o8", o + ["letter-o", "lower"],
      phones=[uk("07700900308")])
    c("ho-ob-046", "0_7_7_0_0_9_0_0_2_0_9", o + ["underscores"], phones=[uk("07700900209")])
    c("ho-ob-047", "nought seven seven nought nought nine nought nought seven seven six",
      o + ["words", "nought"], phones=[uk("07700900776")])
    c("ho-ob-048", "0⃣7⃣7⃣0⃣0⃣9⃣0⃣0⃣8⃣2⃣6⃣", o + ["keycap", "no-vs16"],
      phones=[uk("07700900826")])
    c("ho-ob-049", "07 ~ 700 ~ 900 ~ 163", o + ["tildes"], phones=[uk("07700900163")])
    c("ho-ob-050", '<a href="tel:07700900597">0770 0 9OO 597</a>', o + ["letter-o", "tel"],
      fmt="html", phones=[uk("07700900597")])
    c("ho-ob-051", "(0)(1)(1)(3) (4)(9)(6) (0)(2)(7)(7)", o + ["fence", "landline"],
      phones=[uk("01134960277")])
    c("ho-ob-052", "020 seven nine four six, oh five eight eight", o + ["words", "landline"],
      phones=[uk("02079460588")])
    c("ho-ob-053", "sms: O7-7OO-9OO-O62", o + ["letter-o", "hyphen"], phones=[uk("07700900062")])
    c("ho-ob-054", "07700 (no spam) 900 (text only) 991", o + ["split", "interleaved"],
      phones=[uk("07700900991")])
    c("ho-ob-055", "7700 900 478 (put a 0 in front)", o + ["instruction"],
      phones=[uk("07700900478")])
    c("ho-ob-056", "<p>0770<!-- hidden -->0 900 351</p>", o + ["comment", "split"], fmt="html",
      phones=[uk("07700900351")])
    c("ho-ob-057", "Oh SeVeN sEvEn oh oh NiNe oh oh two two seven", o + ["words", "mixed-case"],
      phones=[uk("07700900227")])
    c("ho-ob-058", "seven seven hundred nine hundred six oh three, start with zero",
      o + ["words", "hundred", "instruction"], phones=[uk("07700900603")])
    c("ho-ob-059", "0-seven-7-0-0-nine-0-0-8-one-5", o + ["words", "hyphen", "mixed"],
      phones=[uk("07700900815")])
    c("ho-ob-060", "<span>07</span>&nbsp;<span>700</span>&nbsp;<span>900</span>&nbsp;"
      "<span>189</span>", o + ["split", "entity"], fmt="html", phones=[uk("07700900189")])
    c("ho-ob-061", "0\n7\n7\n0\n0\n9\n0\n0\n6\n5\n4", o + ["split", "lines", "vertical"],
      phones=[uk("07700900654")])
    c("ho-ob-062", "＋４４ ７７００ ９００ ４９１", o + ["fullwidth", "intl"],
      phones=[uk("07700900491")])
    c("ho-ob-063", "0161 four nine six, 0 three 7 two", o + ["words", "landline", "mixed"],
      phones=[uk("01614960372")])
    c("ho-ob-064", "07700 900 \U0001d7d0\U0001d7d1\U0001d7d2", o + ["math-bold"],
      phones=[uk("07700900234")])
    c("ho-ob-065", "whats app: 0 7 7 0 0 - 9 0 0 - 3 3 3", o + ["spaced"],
      phones=[uk("07700900333")])
    c("ho-ob-066", "07700 9 double 0, 7 double 4", o + ["double", "mixed"],
      phones=[uk("07700900744")])


def foreign(c, uk):
    f = ["foreign"]
    c("ho-fo-001", "🇷🇴 0722 913 457 WhatsApp/Viber", f + ["flag", "romanian"],
      phones=["+40722913457"])
    c("ho-fo-002", "Număr din România: 0745 208 316, sunați doar seara", f + ["language",
      "romanian"], phones=["+40745208316"])
    c("ho-fo-003", "🇵🇱 512 384 907 – piszcie na WhatsApp", f + ["flag", "polish"],
      phones=["+48512384907"])
    c("ho-fo-004", "+48 693 417 258 (Polska)", f + ["intl", "polish"], phones=["+48693417258"])
    c("ho-fo-005", "Magyar lány 🇭🇺 06 30 418 2957", f + ["flag", "hungarian"],
      phones=["+36304182957"])
    c("ho-fo-006", "tel +36 20 573 1846 (magyar szám)", f + ["intl", "hungarian"],
      phones=["+36205731846"])
    c("ho-fo-007", "🇦🇱 069 284 7315 shkruaj në WhatsApp", f + ["flag", "albanian"],
      phones=["+355692847315"])
    c("ho-fo-008", "Số điện thoại Việt Nam: 0912 483 075", f + ["language", "vietnamese"],
      phones=["+84912483075"])
    c("ho-fo-009", "中国手机：138 2749 0516 微信同号", f + ["language", "chinese"],
      phones=["+8613827490516"])
    c("ho-fo-010", "🇪🇸 612 483 905 hablo español", f + ["flag", "spanish"],
      phones=["+34612483905"])
    c("ho-fo-011", "🇮🇹 347 218 4096 parlo italiano", f + ["flag", "italian"],
      phones=["+393472184096"])
    c("ho-fo-012", "Française 🇫🇷 06 12 48 39 07", f + ["flag", "french"],
      phones=["+33612483907"])
    c("ho-fo-013", "+49 1512 3849075 (deutsche Nummer)", f + ["intl", "german"],
      phones=["+4915123849075"])
    c("ho-fo-014", "🇧🇬 088 742 3916", f + ["flag", "bulgarian"], phones=["+359887423916"])
    c("ho-fo-015", "Thai lady 🇹🇭 081 472 3905 Line ID same", f + ["flag", "thai"],
      phones=["+66814723905"])
    c("ho-fo-016", "🇧🇷 +55 11 98472-3916", f + ["flag", "intl"], phones=["+5511984723916"])
    c("ho-fo-017", "UK 07700 900 604 / 🇷🇴 0722 913 457", f + ["flag", "two", "romanian"],
      phones=[uk("07700900604"), "+40722913457"])
    c("ho-fo-018", "🇵🇱 pięć jeden dwa trzy osiem cztery dziewięć zero siedem",
      f + ["flag", "polish", "obfuscated", "foreign-words"], phones=["+48512384907"])
    c("ho-fo-019", "0031 6 3847 2915 (NL number)", f + ["00", "dutch"], phones=["+31638472915"])
    c("ho-fo-020", "🇺🇦 067 412 8390 Telegram/Viber", f + ["flag", "ukrainian"],
      phones=["+380674128390"])
    c("ho-fo-021", "czech girl, +420 731 482 905", f + ["intl", "czech"],
      phones=["+420731482905"])
    c("ho-fo-022", "🇵🇹 912 483 075", f + ["flag", "portuguese"], phones=["+351912483075"])
    c("ho-fo-023", "🇬🇷 694 728 3150 μιλάω ελληνικά", f + ["flag", "greek"],
      phones=["+306947283150"])
    c("ho-fo-024", "Slovenské číslo 0905 284 731", f + ["language", "slovak"],
      phones=["+421905284731"])
    c("ho-fo-025", "Romanian number (+40) 0722 913 457", f + ["romanian", "trunk-zero"],
      phones=["+40722913457"])
    c("ho-fo-026", "🇷🇴 zero șapte patru cinci doi zero opt trei unu șase",
      f + ["flag", "romanian", "obfuscated", "foreign-words"], phones=["+40745208316"])


def decoys(c, V, flip):
    d = ["decoy"]
    c("ho-dc-001", "Rates: 30 mins £80, 1 hour £150, overnight £900. Age 24, size 8, 34-24-36.",
      d + ["phone", "price", "measurement", "age"])
    c("ho-dc-002", "Available 24/7, 10am till 4am, 7 days a week", d + ["phone", "24-7", "time"])
    c("ho-dc-003", "Booking ref: 7700900412 - please quote it when you arrive",
      d + ["phone", "reference"])
    c("ho-dc-004", "Order no. 0770 0900 3321 has been dispatched", d + ["phone", "reference",
      "wrong-length"])
    c("ho-dc-005", "Parcel tracking number: JD 0146 0000 3828 4748", d + ["phone", "reference"])
    c("ho-dc-006", "Crime reference 01/77009/26 - police are aware of the fake profile",
      d + ["phone", "reference"])
    c("ho-dc-007", "call 07xxx xxx 928 (full number on request)", d + ["phone", "masked"])
    c("ho-dc-008", "my number 077** *** 412, ask me on chat", d + ["phone", "masked"])
    c("ho-dc-009", "new number soon, old one 07700 90041 no longer works",
      d + ["phone", "wrong-length"])
    c("ho-dc-010", "Serial 0770 0900 41234 on the box", d + ["phone", "wrong-length"])
    c("ho-dc-011", "If you are in danger call 999 or 112. Non-emergency police: 101. "
      "NHS advice 111.", d + ["phone", "emergency", "short-code"])
    c("ho-dc-012", "Text STOP to 84123 to unsubscribe", d + ["phone", "short-code"])
    c("ho-dc-013", "Back in town 07/12/2026 – 14/12/2026, 10:00–02:00", d + ["phone", "date",
      "time"])
    c("ho-dc-014", "5'7\", 58kg, 32DD, dress 10, shoe 6", d + ["phone", "measurement"])
    c("ho-dc-015", "Prices: 15min 60 | 30min 90 | 1h 160 | 2h 300 | 3h 420",
      d + ["phone", "price", "pipes"])
    c("ho-dc-016", "Ladies aged 19 to 45: Lily 21, Ana 23, Roxy 38", d + ["phone", "age"])
    c("ho-dc-017", "Invoice 20260412-0077 paid by card on 04/12", d + ["phone", "reference",
      "date"])
    c("ho-dc-018", "Company no. 09412873, VAT reg GB 294 7712 08", d + ["phone", "reference"])
    c("ho-dc-019", "See you @ 9pm, outcall @ 11 x", d + ["handle", "email", "at-time"])
    c("ho-dc-020", '<header><img src="/img/logo@2x.png" alt="logo"><img '
      'srcset="/img/banner@3x.webp 3x"></header>', d + ["email", "asset"], fmt="html")
    c("ho-dc-021", "Deposit £770.09 secures the night, balance £1,500 on arrival",
      d + ["phone", "price"])
    c("ho-dc-022", "Est. 2009 - over 17,700 happy clients, 4.9/5 from 900 reviews",
      d + ["phone", "number"])
    c("ho-dc-023", "Room 409, 7th floor, door code 7700#, lift on the left",
      d + ["phone", "number"])
    c("ho-dc-024", "BTC: " + V["wpkh_1"][:8] + "…" + V["wpkh_1"][-5:] + " (full address in DM)",
      d + ["wallet", "truncated"])
    c("ho-dc-025", "Payment sent, txid " + V["tx_1"], d + ["wallet", "tx-hash"])
    c("ho-dc-026", "Send BTC to " + flip(V["p2pkh_1"], 12), d + ["wallet", "bad-checksum"])
    c("ho-dc-027", "ETH " + V["eth_1"][:6] + V["eth_1"][6].swapcase() + V["eth_1"][7:],
      d + ["wallet", "bad-checksum", "eip55"])
    c("ho-dc-028", "IBAN GB95" + V["iban_1"][4:], d + ["bank", "bad-checksum"])
    c("ho-dc-029", "New pics up! instagram.com/p/CzQ9x1LmA4b/", d + ["handle", "post-url"])
    c("ho-dc-030", "watch https://www.instagram.com/reel/C7hYt2kLmPq/ and "
      "https://x.com/i/web/status/1823394857261044736", d + ["handle", "post-url"])
    c("ho-dc-031", "Reading your reviews made my day. Enjoy a hot bath with me, sale on all "
      "week, what a deal!", d + ["place", "place-word"])
    c("ho-dc-032", "March special: 20% off all bookings until the end of March",
      d + ["place", "place-word"])
    c("ho-dc-033", "I won't bury you in rules. Walk in Hyde Park first? Street parking is free.",
      d + ["place", "place-word"])
    c("ho-dc-034", "Stuck on the M25 again, then the A1 and the M6 - running late",
      d + ["postcode", "postcode-like"])
    c("ho-dc-035", "Away 12-05-26 to 19-05-26, back on the 20th", d + ["bank", "sort-code-like",
      "date"])
    c("ho-dc-036", "Sizes 8-10-12, bust 34-36, hips 36", d + ["bank", "sort-code-like",
      "measurement"])
    c("ho-dc-037", "Deposit 10% by bank transfer only, details on request",
      d + ["bank", "no-details"])
    c("ho-dc-038", "Book for sale: ISBN 978-0-7700-9004-1, good condition £6",
      d + ["phone", "reference"])
    c("ho-dc-039", "Ford Fiesta reg AB12 CDE, 77,009 miles, £2,750 ono",
      d + ["phone", "postcode", "reference"])
    c("ho-dc-040", "Meet point 53.7996, -1.5491 (see map)", d + ["phone", "coordinates"])
    c("ho-dc-041", "Opening hours Mon–Sat 09:00–23:00, Sun 12:00–20:00", d + ["phone", "time"])
    c("ho-dc-042", "Followers 12.4k • Following 770 • Posts 900", d + ["phone", "number"])
    c("ho-dc-043", "Server 192.168.77.9 port 9004", d + ["phone", "number"])
    c("ho-dc-044", "Bitcoin and USDT accepted - ask for the address", d + ["wallet",
      "no-details"])
    c("ho-dc-045", "Number in my profile, I don't post it here", d + ["phone", "no-details"])
    c("ho-dc-046", "Tall 1.72m, 60kg, UK size 10, 36-26-38, 23 years",
      d + ["phone", "measurement", "age"])
    c("ho-dc-047", "2 girls 2 hrs £400, 3 hrs £550, extra 30 min £120, 10% off before 6pm",
      d + ["phone", "price"])
    c("ho-dc-048", "Hash " + V["tx_2"][:32] + " " + V["tx_2"][32:], d + ["wallet", "tx-hash"])
    c("ho-dc-049", "0x" + V["tx_3"] + " is my payment proof", d + ["wallet", "tx-hash"])
    c("ho-dc-050", "ref no 0161 4960 1234 5678 (card ending 5678)", d + ["phone", "reference",
      "wrong-length"])
    c("ho-dc-051", "CALL NOW 0800 NUMBER COMING SOON", d + ["phone", "no-details"])
    c("ho-dc-052", "Your code is 770091. Do not share it.", d + ["phone", "otp"])
    c("ho-dc-053", "Ticket 2026-07700-900412 closed by support", d + ["phone", "reference"])
    c("ho-dc-054", "trx hash " + V["tx_4"], d + ["wallet", "tx-hash"])
    c("ho-dc-055", "bc1q" + V["wpkh_2"][4:20] + " (first part only)", d + ["wallet",
      "truncated"])
    c("ho-dc-056", "Snap me? nah, no snap, no insta, phone only. x",
      d + ["handle", "no-details"])
    c("ho-dc-057", "email me @ the address on the site, not @ this one",
      d + ["email", "handle", "at-word"])
    c("ho-dc-058", "Watch the rugby with me, a walk round the street market, then reading in "
      "a hot bath", d + ["place", "place-word", "ambiguous"])
    c("ho-dc-059", "Meet 7:30-9:00, 2h £260, dob 01/02/2001", d + ["phone", "time", "date"])
    c("ho-dc-060", "Postal order 77009 00412 cashed", d + ["phone", "reference"])


def emails(c):
    e = ["email"]
    c("ho-em-001", "Email: mia.rose@example.com for bookings", e + ["plain"],
      emails=["mia.rose@example.com"])
    c("ho-em-002", "bookings (at) velvetrooms (dot) example (dot) net",
      e + ["obfuscated-email", "at-dot"], emails=["bookings@velvetrooms.example.net"])
    c("ho-em-003", "lena[at]example[dot]org", e + ["obfuscated-email", "bracket-at"],
      emails=["lena@example.org"])
    c("ho-em-004", "ZARA.B AT EXAMPLE DOT COM", e + ["obfuscated-email", "at-word", "upper"],
      emails=["zara.b@example.com"])
    c("ho-em-005", "contact: anya_92＠example.com", e + ["fullwidth-at"],
      emails=["anya_92@example.com"])
    c("ho-em-006", "<p>ella&#64;example.net</p>", e + ["entity-at"], fmt="html",
      emails=["ella@example.net"])
    c("ho-em-007", '<a href="mailto:Bookings@Example.org">Bookings@Example.org</a>',
      e + ["mailto"], fmt="html", emails=["bookings@example.org"])
    c("ho-em-008", "nina {at} example {dot} com", e + ["obfuscated-email", "brace-at"],
      emails=["nina@example.com"])
    c("ho-em-009", "daria @ example . com", e + ["obfuscated-email", "spaced-at"],
      emails=["daria@example.com"])
    c("ho-em-010", "my email is roxy.dream+uk@example.com", e + ["plus"],
      emails=["roxy.dream+uk@example.com"])
    c("ho-em-011", "sara_k at example dot org", e + ["obfuscated-email", "at-word"],
      emails=["sara_k@example.org"])
    c("ho-em-012", "jade(@)example(.)net", e + ["obfuscated-email", "bracket-at"],
      emails=["jade@example.net"])
    c("ho-em-013", "info@mail.example.com", e + ["subdomain"], emails=["info@mail.example.com"])
    c("ho-em-014", "Pics: pic@2x.jpg and thumb@3x.png. Real email: tessa.m@example.org",
      e + ["asset"], emails=["tessa.m@example.org"])
    c("ho-em-015", "E-mail ➡️ kira 🌸 at 🌸 example 🌸 dot 🌸 com",
      e + ["obfuscated-email", "emoji-sep", "at-word"], emails=["kira@example.com"])
    c("ho-em-016", "luna.bella@example.com / backup luna2@example.net", e + ["two"],
      emails=["luna.bella@example.com", "luna2@example.net"])
    c("ho-em-017", "<p>Email me: <span>amber</span>@<span>example.com</span></p>",
      e + ["split"], fmt="html", emails=["amber@example.com"])
    c("ho-em-018", "Email address: iris dot vale at example dot com",
      e + ["obfuscated-email", "at-word"], emails=["iris.vale@example.com"])
    c("ho-em-019", "MAIL: Freya_Lux@Example.COM", e + ["mixed-case"],
      emails=["freya_lux@example.com"])
    c("ho-em-020", "ruby&#x40;example&#x2e;org", e + ["entity-at", "hex"], fmt="html",
      emails=["ruby@example.org"])
    c("ho-em-021", "write to: holly.v@example.org.", e + ["punctuation"],
      emails=["holly.v@example.org"])
    c("ho-em-022", "gmail no, use mona-lisa.83@example.net", e + ["hyphen"],
      emails=["mona-lisa.83@example.net"])


def postcodes(c):
    p = ["postcode"]
    c("ho-po-001", "Incall near LS2 7EY, parking on street", p, postcodes=["LS2 7EY"])
    c("ho-po-002", "Manchester M1 1AE, 2 mins from Piccadilly", p, postcodes=["M1 1AE"],
      places=["Manchester"])
    c("ho-po-003", "address b5 4bu, buzz flat 3", p + ["lower-case"], postcodes=["B5 4BU"])
    c("ho-po-004", "G23JD city centre", p + ["no-space"], postcodes=["G2 3JD"])
    c("ho-po-005", "EH1 1YZ Edinburgh old town", p, postcodes=["EH1 1YZ"], places=["Edinburgh"])
    c("ho-po-006", "CF10 1EP Cardiff Bay", p, postcodes=["CF10 1EP"], places=["Cardiff"])
    c("ho-po-007", "<address>14 Example Road, Nottingham NG1 5FW</address>", p + ["address"],
      fmt="html", postcodes=["NG1 5FW"], places=["Nottingham"])
    c("ho-po-008", "W1D 3QF, 3rd floor, ring twice", p, postcodes=["W1D 3QF"])
    c("ho-po-009", "E1 6AN - east London", p, postcodes=["E1 6AN"], places=["London"])
    c("ho-po-010", "Bristol BS1 6QF harbourside", p, postcodes=["BS1 6QF"], places=["Bristol"])
    c("ho-po-011", "L1 8JQ Liverpool ONE", p, postcodes=["L1 8JQ"], places=["Liverpool"])
    c("ho-po-012", "Near S1 2HE (train station)", p, postcodes=["S1 2HE"])
    c("ho-po-013", "NE1 4ST", p + ["bare"], postcodes=["NE1 4ST"])
    c("ho-po-014", "BT1 5GS Belfast, Cathedral Quarter", p, postcodes=["BT1 5GS"],
      places=["Belfast"])
    c("ho-po-015", "Aberdeen AB10 1XG", p, postcodes=["AB10 1XG"], places=["Aberdeen"])
    c("ho-po-016", "postcode: ng7 2rd", p + ["lower-case"], postcodes=["NG7 2RD"])
    c("ho-po-017", "tour: M4 1HN on Fri then L3 9PP Sat", p + ["two", "tour"],
      postcodes=["M4 1HN", "L3 9PP"])
    c("ho-po-018", "Croydon CR0 2RH, 5 min from East Croydon", p, postcodes=["CR0 2RH"],
      places=["Croydon"])
    c("ho-po-019", "RG1 1DN Reading town centre", p, postcodes=["RG1 1DN"], places=["Reading"])
    c("ho-po-020", "LS6 area, exact address after booking", p + ["decoy", "outward-only"])
    c("ho-po-021", "BN1 1EE brighton seafront", p + ["lower-case"], postcodes=["BN1 1EE"],
      places=["Brighton"])
    c("ho-po-022", "Postcode:SW1V1QT(Victoria)", p + ["no-space", "glued"],
      postcodes=["SW1V 1QT"])
    c("ho-po-023", "<p>Flat 2<br>Example Street<br>Leeds<br>LS11 5AB</p>", p + ["address",
      "lines"], fmt="html", postcodes=["LS11 5AB"], places=["Leeds"])
    c("ho-po-024", "Stoke on Trent ST1 5NA", p, postcodes=["ST1 5NA"],
      places=["Stoke-on-Trent"])


def places(c):
    p = ["place"]
    c("ho-pa-001", "Just arrived in Milton Keynes for 3 days only", p + ["multi-word", "tour"],
      places=["Milton Keynes"])
    c("ho-pa-002", "Visiting Stoke on Trent next week, book early", p + ["multi-word",
      "no-hyphen"], places=["Stoke-on-Trent"])
    c("ho-pa-003", "Hull city centre apartment, close to the marina", p + ["alternate-name"],
      places=["Kingston upon Hull"])
    c("ho-pa-004", "Tour dates: Leeds Mon, Bradford Tue, York Wed-Thu", p + ["tour", "list"],
      places=["Leeds", "Bradford", "York"])
    c("ho-pa-005", "Reading based, outcalls to Slough and Bracknell", p + ["ambiguous", "list"],
      places=["Reading", "Slough", "Bracknell"])
    c("ho-pa-006", "Bath incalls, spa-style apartment near the Abbey", p + ["ambiguous"],
      places=["Bath"])
    c("ho-pa-007", "Sale (Greater Manchester), 2 mins from the Metrolink", p + ["ambiguous"],
      places=["Sale"])
    c("ho-pa-008", "Based in Deal, Kent - seafront flat", p + ["ambiguous"], places=["Deal"])
    c("ho-pa-009", "March, Cambridgeshire - discreet and friendly", p + ["ambiguous"],
      places=["March"])
    c("ho-pa-010", "St Albans and Hemel Hempstead outcalls", p + ["multi-word", "list"],
      places=["St Albans", "Hemel Hempstead"])
    c("ho-pa-011", "New girl in King's Lynn", p + ["apostrophe"], places=["King's Lynn"])
    c("ho-pa-012", "weston-super-mare seafront, sea view room", p + ["lower-case", "multi-word"],
      places=["Weston-super-Mare"])
    c("ho-pa-013", "BIRMINGHAM CITY CENTRE - INCALLS", p + ["upper"], places=["Birmingham"])
    c("ho-pa-014", "Bury St Edmunds this weekend only", p + ["multi-word"],
      places=["Bury St Edmunds"])
    c("ho-pa-015", "New in town: Burton upon Trent", p + ["multi-word", "new-in-town"],
      places=["Burton upon Trent"])
    c("ho-pa-016", "Newport (South Wales) - near the bus station", p + ["ambiguous"],
      places=["Newport"])
    c("ho-pa-017", "Wells & Glastonbury, Somerset", p + ["ambiguous", "list"],
      places=["Wells", "Glastonbury"])
    c("ho-pa-018", "Southend-on-Sea, 5 mins from the pier", p + ["multi-word"],
      places=["Southend-on-Sea"])
    c("ho-pa-019", "Ilford / Romford / Barking - outcalls only", p + ["list"],
      places=["Ilford", "Romford", "Barking"])
    c("ho-pa-020", "Glasgow, Paisley and Motherwell", p + ["list"],
      places=["Glasgow", "Paisley", "Motherwell"])
    c("ho-pa-021", "Derry city, visiting for the weekend", p, places=["Derry"])
    c("ho-pa-022", "Street, Somerset (near Clarks Village)", p + ["ambiguous"],
      places=["Street"])
    c("ho-pa-023", "Washington, Tyne and Wear - Galleries area", p + ["ambiguous"],
      places=["Washington"])
    c("ho-pa-024", "Hyde, Tameside. Parking outside.", p + ["ambiguous"], places=["Hyde"])
    c("ho-pa-025", "Reading my messages all day, based in Oxford", p + ["place-word"],
      places=["Oxford"])
    c("ho-pa-026", "Cheltenham race week - available all week", p, places=["Cheltenham"])
    c("ho-pa-027", "swansea marina, sea views", p + ["lower-case"], places=["Swansea"])
    c("ho-pa-028", "Lincoln: new girl, just arrived", p + ["new-in-town"], places=["Lincoln"])
    c("ho-pa-029", "Near Norwich train station, 2 min walk", p, places=["Norwich"])
    c("ho-pa-030", "Leamington Spa, Warwickshire", p + ["alternate-name"],
      places=["Royal Leamington Spa"])
    c("ho-pa-031", "Ashford (Kent), near the outlet", p + ["ambiguous"], places=["Ashford"])
    c("ho-pa-032", "Rugby town centre, 5 min from the station", p + ["ambiguous"],
      places=["Rugby"])
    c("ho-pa-033", "Bognor Regis this week then Chichester", p + ["multi-word", "list"],
      places=["Bognor Regis", "Chichester"])
    c("ho-pa-034", "Ware, Hertfordshire", p + ["ambiguous"], places=["Ware"])
    c("ho-pa-035", "Incalls in Brixton, outcalls to Clapham", p + ["district"],
      places=["Brixton", "Clapham"])
    c("ho-pa-036", "Sutton Coldfield", p + ["multi-word", "bare"], places=["Sutton Coldfield"])
    c("ho-pa-037", "📍Cardiff 📍Newport 📍Bristol", p + ["emoji", "list"],
      places=["Cardiff", "Newport", "Bristol"])
    c("ho-pa-038", "Barrow in Furness, 1 night only", p + ["multi-word"],
      places=["Barrow in Furness"])
    c("ho-pa-039", "#leeds #bradford #wakefield", p + ["hashtag", "lower-case"],
      places=["Leeds", "Bradford", "Wakefield"])
    c("ho-pa-040", "Huddersfield/Halifax/Dewsbury", p + ["list", "slashes"],
      places=["Huddersfield", "Halifax", "Dewsbury"])


def wallets(c, V):
    w = ["wallet"]
    c("ho-wa-001", "BTC: " + V["p2pkh_1"], w + ["btc", "p2pkh"], wallets=[V["p2pkh_1"]])
    c("ho-wa-002", "bitcoin:" + V["p2sh_1"] + "?amount=0.01", w + ["btc", "p2sh", "uri"],
      wallets=[V["p2sh_1"]])
    c("ho-wa-003", "Deposit to " + V["wpkh_1"] + " to confirm", w + ["btc", "bech32"],
      wallets=[V["wpkh_1"]])
    c("ho-wa-004", "BTC " + V["wpkh_2"].upper(), w + ["btc", "bech32", "upper"],
      wallets=[V["wpkh_2"]])
    c("ho-wa-005", "multisig " + V["wsh_1"], w + ["btc", "p2wsh"], wallets=[V["wsh_1"]])
    c("ho-wa-006", "taproot pls: " + V["tr_1"], w + ["btc", "p2tr", "bech32m"],
      wallets=[V["tr_1"]])
    c("ho-wa-007", "ETH/USDT (ERC20): " + V["eth_1"], w + ["eth", "mixed-case"],
      wallets=[V["eth_1"].lower()])
    c("ho-wa-008", "eth " + V["eth_2"].lower(), w + ["eth", "lower"],
      wallets=[V["eth_2"].lower()])
    c("ho-wa-009", "USDT TRC20 👉 " + V["trx_1"], w + ["trx"], wallets=[V["trx_1"]])
    c("ho-wa-010", "BTC " + V["p2pkh_2"] + "\nETH " + V["eth_3"], w + ["btc", "eth", "two"],
      wallets=[V["p2pkh_2"], V["eth_3"].lower()])
    c("ho-wa-011", "<p>Crypto only: <code>" + V["tr_2"] + "</code></p>", w + ["btc", "p2tr"],
      fmt="html", wallets=[V["tr_2"]])
    c("ho-wa-012", "Tron wallet " + V["trx_2"] + " (last payment tx " + V["tx_1"] + ")",
      w + ["trx", "tx-hash"], wallets=[V["trx_2"]])
    c("ho-wa-013", "To secure booking send £50 in BTC to " + V["p2sh_2"] + ".",
      w + ["btc", "p2sh", "punctuation"], wallets=[V["p2sh_2"]])
    c("ho-wa-014", "USDT erc20 - " + V["eth_4"], w + ["eth"], wallets=[V["eth_4"].lower()])
    c("ho-wa-015", "₿ " + V["wpkh_3"], w + ["btc", "bech32", "emoji"], wallets=[V["wpkh_3"]])
    c("ho-wa-016", "My BTC address is " + V["p2pkh_3"] + ", thanks x", w + ["btc", "p2pkh"],
      wallets=[V["p2pkh_3"]])
    c("ho-wa-017", "addr: " + V["tr_3"], w + ["btc", "p2tr"], wallets=[V["tr_3"]])
    c("ho-wa-018", "TRX/USDT " + V["trx_3"], w + ["trx"], wallets=[V["trx_3"]])
    c("ho-wa-019", "Ethereum: " + V["eth_5"], w + ["eth", "mixed-case"],
      wallets=[V["eth_5"].lower()])
    c("ho-wa-020", "btc (segwit) " + V["p2sh_3"], w + ["btc", "p2sh"], wallets=[V["p2sh_3"]])
    c("ho-wa-021", "vault " + V["wsh_2"], w + ["btc", "p2wsh"], wallets=[V["wsh_2"]])
    c("ho-wa-022", "native segwit: " + V["wpkh_4"], w + ["btc", "bech32"],
      wallets=[V["wpkh_4"]])
    c("ho-wa-023", "BTC " + V["p2pkh_4"] + " | USDT(TRC20) " + V["trx_4"],
      w + ["btc", "trx", "two"], wallets=[V["p2pkh_4"], V["trx_4"]])
    c("ho-wa-024", '<a href="ethereum:' + V["eth_6"] + '">pay with ETH</a>',
      w + ["eth", "uri", "href"], fmt="html", wallets=[V["eth_6"].lower()])
    c("ho-wa-025", "send to " + V["eth_3"] + " not " + V["eth_3"][:10] + "...",
      w + ["eth", "truncated"], wallets=[V["eth_3"].lower()])


def handles(c, h):
    k = ["handle"]
    c("ho-ha-001", "sc: lilyrose_x", k + ["snapchat", "cue"], handles=[h("snapchat", "lilyrose_x")])
    c("ho-ha-002", "add my snap 👻 bella.b22", k + ["snapchat", "cue", "ghost-emoji"],
      handles=[h("snapchat", "bella.b22")])
    c("ho-ha-003", "IG @mila.moonlight", k + ["instagram", "cue"],
      handles=[h("instagram", "mila.moonlight")])
    c("ho-ha-004", "insta: Sienna_Vibes", k + ["instagram", "cue", "mixed-case"],
      handles=[h("instagram", "sienna_vibes")])
    c("ho-ha-005", "tele @RubyQueenUK", k + ["telegram", "cue"],
      handles=[h("telegram", "rubyqueenuk")])
    c("ho-ha-006", "t.me/velvet_rooms_ldn", k + ["telegram", "url"],
      handles=[h("telegram", "velvet_rooms_ldn")])
    c("ho-ha-007", "https://www.instagram.com/amber.glow_/", k + ["instagram", "url"],
      handles=[h("instagram", "amber.glow_")])
    c("ho-ha-008", "snapchat.com/add/kiki_sweet", k + ["snapchat", "url"],
      handles=[h("snapchat", "kiki_sweet")])
    c("ho-ha-009", "tiktok.com/@daisy.dances", k + ["tiktok", "url"],
      handles=[h("tiktok", "daisy.dances")])
    c("ho-ha-010", "my page onlyfans.com/roxy_reign", k + ["onlyfans", "url"],
      handles=[h("onlyfans", "roxy_reign")])
    c("ho-ha-011", "https://x.com/NovaNightsUK", k + ["x", "url"],
      handles=[h("x", "novanightsuk")])
    c("ho-ha-012", "twitter.com/nova_nights", k + ["x", "twitter", "url"],
      handles=[h("x", "nova_nights")])
    c("ho-ha-013", "facebook.com/clara.marin.7090", k + ["facebook", "url"],
      handles=[h("facebook", "clara.marin.7090")])
    c("ho-ha-014", "OF: lunaxo", k + ["onlyfans", "cue"], handles=[h("onlyfans", "lunaxo")])
    c("ho-ha-015", "Telegram: @jess_bookings", k + ["telegram", "cue"],
      handles=[h("telegram", "jess_bookings")])
    c("ho-ha-016", "snap - tasha_tx", k + ["snapchat", "cue"], handles=[h("snapchat", "tasha_tx")])
    c("ho-ha-017", '<a href="https://instagram.com/zoe.fit.uk">my insta</a>',
      k + ["instagram", "href"], fmt="html", handles=[h("instagram", "zoe.fit.uk")])
    c("ho-ha-018", "👻 peachy.kay", k + ["snapchat", "ghost-emoji"],
      handles=[h("snapchat", "peachy.kay")])
    c("ho-ha-019", "tiktok @mai_lin", k + ["tiktok", "cue"], handles=[h("tiktok", "mai_lin")])
    c("ho-ha-020", "IG: @sasha.lux | SC: sashalux | OF: sashaluxx", k + ["list", "instagram",
      "snapchat", "onlyfans"], handles=[h("instagram", "sasha.lux"), h("snapchat", "sashalux"),
                                        h("onlyfans", "sashaluxx")])
    c("ho-ha-021", "x: @ivy_skye", k + ["x", "cue"], handles=[h("x", "ivy_skye")])
    c("ho-ha-022", "snapchat ➡️ nika.222", k + ["snapchat", "cue"],
      handles=[h("snapchat", "nika.222")])
    c("ho-ha-023", "Find me on IG (@cleo_dreams) & TikTok (@cleo_dreams)",
      k + ["instagram", "tiktok", "two"], handles=[h("instagram", "cleo_dreams"),
                                                   h("tiktok", "cleo_dreams")])
    c("ho-ha-024", "https://t.me/s/velvet_rooms_ldn", k + ["telegram", "url", "channel"],
      handles=[h("telegram", "velvet_rooms_ldn")])
    c("ho-ha-025", "instagram.com/mila.moonlight?igsh=abc123", k + ["instagram", "url", "query"],
      handles=[h("instagram", "mila.moonlight")])
    c("ho-ha-026", "Snapchat: JADE-XO", k + ["snapchat", "cue", "upper"],
      handles=[h("snapchat", "jade-xo")])
    c("ho-ha-027", "<p>Follow <a href='https://www.tiktok.com/@nora.mae'>@nora.mae</a></p>",
      k + ["tiktok", "href"], fmt="html", handles=[h("tiktok", "nora.mae")])
    c("ho-ha-028", "fb.com/ellie.rivers.example", k + ["facebook", "url", "short-domain"],
      handles=[h("facebook", "ellie.rivers.example")])


def bank(c, V):
    b = ["bank"]
    c("ho-ba-001", "Deposit: Sort code 20-49-17, Account 31875502, ref your first name",
      b + ["cue"], sort_codes=["20-49-17"], accounts=["20-49-17 31875502"])
    c("ho-ba-002", "S/C 30 99 21 A/C 41827730", b + ["abbrev", "spaced"],
      sort_codes=["30-99-21"], accounts=["30-99-21 41827730"])
    c("ho-ba-003", "bank transfer: 40-12-76 / 55019384", b + ["cue"],
      sort_codes=["40-12-76"], accounts=["40-12-76 55019384"])
    c("ho-ba-004", "IBAN: " + " ".join(V["iban_1"][i:i + 4] for i in range(0, 22, 4)),
      b + ["iban", "spaced"], ibans=[V["iban_1"]])
    c("ho-ba-005", "Pay the deposit to " + V["iban_2"] + " before we meet", b + ["iban"],
      ibans=[V["iban_2"]])
    c("ho-ba-006", "Sort code: 11-22-89 (ask for the account number)", b + ["sort-only"],
      sort_codes=["11-22-89"])
    c("ho-ba-007", "Acc no 60311975 sort 09-01-28", b + ["reversed"],
      sort_codes=["09-01-28"], accounts=["09-01-28 60311975"])
    c("ho-ba-008", "<table><tr><td>Sort code</td><td>56-00-31</td></tr><tr><td>Account</td>"
      "<td>20987461</td></tr></table>", b + ["table"], fmt="html",
      sort_codes=["56-00-31"], accounts=["56-00-31 20987461"])
    c("ho-ba-009", "iban " + V["iban_3"].lower(), b + ["iban", "lower"], ibans=[V["iban_3"]])
    c("ho-ba-010", "sortcode 774411 acc 03948571", b + ["compact"],
      sort_codes=["77-44-11"], accounts=["77-44-11 03948571"])
    c("ho-ba-011", "Bank details - main: 20-49-17 31875502; backup: 30-99-21 41827730",
      b + ["two"], sort_codes=["20-49-17", "30-99-21"],
      accounts=["20-49-17 31875502", "30-99-21 41827730"])
    c("ho-ba-012", "Name: C Marin\nSort Code: 83-06-08\nAccount Number: 12004518\nRef: ROOM",
      b + ["lines"], sort_codes=["83-06-08"], accounts=["83-06-08 12004518"])
    c("ho-ba-013", "IBAN " + V["iban_4"] + " BIC FICTGB22", b + ["iban", "bic"],
      ibans=[V["iban_4"]])
    c("ho-ba-014", "pay by BACS, s.c. 16.52.21 acct 70114432", b + ["dots", "bacs"],
      sort_codes=["16-52-21"], accounts=["16-52-21 70114432"])
    c("ho-ba-015", "International: " + V["iban_5"] + " / UK: sort code " + V["iban_5"][8:10]
      + "-" + V["iban_5"][10:12] + "-" + V["iban_5"][12:14] + " account " + V["iban_5"][14:],
      b + ["iban", "cue"], ibans=[V["iban_5"]],
      sort_codes=[V["iban_5"][8:10] + "-" + V["iban_5"][10:12] + "-" + V["iban_5"][12:14]],
      accounts=[V["iban_5"][8:10] + "-" + V["iban_5"][10:12] + "-" + V["iban_5"][12:14] + " "
                + V["iban_5"][14:]])


def mixed(c, V, uk, h):
    m = ["mixed", "advert"]
    c("ho-mx-001", "🌹 NEW IN MANCHESTER 🌹\nHi I'm Elena, 23, Romanian 🇷🇴, just arrived!\n"
      "Incalls near M1 1AE, outcalls to Salford & Stockport.\n📱 07700 900 861 (WhatsApp too)\n"
      "30min £100 / 1h £150\nSnap: elena.mcr", m + ["flag-uk-number"],
      phones=[uk("07700900861")], postcodes=["M1 1AE"],
      places=["Manchester", "Salford", "Stockport"], handles=[h("snapchat", "elena.mcr")])
    c("ho-mx-002", "<h1>Sofia - Leeds</h1><ul><li>Age: 26</li><li>Rates: £120/hr</li>"
      "<li>Phone: <a href='tel:+447700900432'>07700 900 432</a></li>"
      "<li>Email: sofia.l&#64;example.com</li></ul>", m + ["entity-at"], fmt="html",
      phones=[uk("07700900432")], emails=["sofia.l@example.com"], places=["Leeds"])
    c("ho-mx-003", "Two new girls in Bradford!! Call Mira o7seven oo nine oo three 4 6 or "
      "Anya 07700 900 347. 24/7. £80 half hour.", m + ["obfuscated", "words", "two",
      "many-workers"], phones=[uk("07700900346"), uk("07700900347")], places=["Bradford"])
    c("ho-mx-004", "Visiting Cardiff 12-14 Dec, then Swansea. Deposit to sort code 20-49-17 "
      "acc 31875502 or BTC " + V["wpkh_3"] + ". No deposit no booking.", m + ["bank", "wallet"],
      places=["Cardiff", "Swansea"], sort_codes=["20-49-17"], accounts=["20-49-17 31875502"],
      wallets=[V["wpkh_3"]])
    c("ho-mx-005", "Polish girl 🇵🇱 Nottingham NG1 5FW\nUK: 0115 496 0814\nPL: +48 693 417 258\n"
      "IG @ola.notts", m + ["foreign", "flag"], phones=[uk("01154960814"), "+48693417258"],
      postcodes=["NG1 5FW"], places=["Nottingham"], handles=[h("instagram", "ola.notts")])
    c("ho-mx-006", "Profile\nName: Tia\nLocation: Sheffield\nContact: tia.s (at) example (dot) "
      "org\nTelegram: @tia_sheff\nAvailability: weekends 10:00-22:00", m + ["profile",
      "obfuscated-email"], emails=["tia.s@example.org"], places=["Sheffield"],
      handles=[h("telegram", "tia_sheff")])
    c("ho-mx-007", "Agency in Glasgow G2 3JD - 6 ladies available, all bookings through "
      "0141 496 0127, ref no. 4471 on arrival", m + ["many-workers", "reference"],
      phones=[uk("01414960127")], postcodes=["G2 3JD"], places=["Glasgow"])
    c("ho-mx-008", "Hey loves 💕 I'm back in Brighton & Hove next week\nWhatsApp only: "
      "[0]7700 [9]00 [2]62\nOF: ruby_brighton\n1h £150 | overnight £700",
      m + ["obfuscated", "fence"], phones=[uk("07700900262")], places=["Brighton", "Hove"],
      handles=[h("onlyfans", "ruby_brighton")])
    c("ho-mx-009", '<div class="ad"><p>Coventry CV1 1FL</p><p>Text <span>07700</span> '
      '<span>900</span> <span>053</span></p><p><a href="https://t.me/coventry_jade">Telegram'
      '</a></p></div>', m + ["split"], fmt="html", phones=[uk("07700900053")],
      postcodes=["CV1 1FL"], places=["Coventry"], handles=[h("telegram", "coventry_jade")])
    c("ho-mx-010", "Posted 03/12/2026 • Luton • 22 yrs • 5'4 • Call 07700 900 739 • ref 900739",
      m + ["date", "reference"], phones=[uk("07700900739")], places=["Luton"])
    c("ho-mx-011", "Vietnamese nail bar job Wolverhampton, good pay, accommodation included, "
      "call Mr Tran 0121 496 0938 or Zalo 0912 483 075 🇻🇳", m + ["foreign", "flag", "job"],
      phones=[uk("01214960938"), "+84912483075"], places=["Wolverhampton"])
    c("ho-mx-012", "Room to rent Peterborough PE1 1SA £120 pw bills incl. Landlord: "
      "07700 900 590 / landlord.pete@example.co.uk".replace(".co.uk", ".net"),
      m + ["classified"], phones=[uk("07700900590")], postcodes=["PE1 1SA"],
      places=["Peterborough"], emails=["landlord.pete@example.net"])
    c("ho-mx-013", "DERBY!!! just arrived 😍 sms only zero7seven0 0nine0 0eight5two, no "
      "private numbers, no texts after 2am", m + ["obfuscated", "words", "glued"],
      phones=[uk("07700900852")], places=["Derby"])
    c("ho-mx-014", "Ella & Mia duo - Southampton SO14 3AJ & Portsmouth\nElla: 07700 900 145\n"
      "Mia: 07700 900 146\nsnap: ellamia.duo", m + ["two", "many-workers"],
      phones=[uk("07700900145"), uk("07700900146")], postcodes=["SO14 3AJ"],
      places=["Southampton", "Portsmouth"], handles=[h("snapchat", "ellamia.duo")])
    c("ho-mx-015", "<p>Oxford &amp; Cambridge</p><p>&#128241; 07700&nbsp;900&nbsp;286</p>"
      "<p><a href='mailto:bookings@example.org'>email</a> | <a href='https://wa.me/"
      "447700900286'>WhatsApp</a></p>", m + ["entity", "wa-me", "mailto"], fmt="html",
      phones=[uk("07700900286")], emails=["bookings@example.org"],
      places=["Oxford", "Cambridge"])
    c("ho-mx-016", "Hungarian lady in Milton Keynes 🇭🇺 magyar szám: 06 20 573 1846, UK: "
      "07700 900 019", m + ["foreign", "flag", "two"],
      phones=["+36205731846", uk("07700900019")], places=["Milton Keynes"])
    c("ho-mx-017", "Just landed in Aberdeen ✈️ for 4 days. Outcalls to hotels. "
      "☎️ 0⃣7⃣7⃣0⃣0⃣9⃣0⃣0⃣3⃣7⃣1⃣ no withheld", m + ["obfuscated", "keycap", "no-vs16"],
      phones=[uk("07700900371")], places=["Aberdeen"])
    c("ho-mx-018", "Wakefield WF1 2DE. Texts: 07700 900 698. Rates 30m £70, 1h £120. "
      "Age 29. Size 10. 34-28-36.", m + ["decoy-mix", "price", "measurement"],
      phones=[uk("07700900698")], postcodes=["WF1 2DE"], places=["Wakefield"])
    c("ho-mx-019", "Albanian driver available, Luton ↔ London, call Arben 🇦🇱 069 284 7315 "
      "or UK 07700 900 508", m + ["foreign", "flag", "two"],
      phones=["+355692847315", uk("07700900508")], places=["Luton", "London"])
    c("ho-mx-020", "READING 🔥 NEW 🔥 call 07700 9OO 277 or email cherry.rdg@example.com, "
      "IG cherry.rdg", m + ["obfuscated", "letter-o", "upper", "ambiguous"],
      phones=[uk("07700900277")], emails=["cherry.rdg@example.com"], places=["Reading"],
      handles=[h("instagram", "cherry.rdg")])


def add_cases(c, V, uk, h, flip):
    plain(c, uk)
    obfuscated(c, uk)
    foreign(c, uk)
    decoys(c, V, flip)
    emails(c)
    postcodes(c)
    places(c)
    wallets(c, V)
    handles(c, h)
    bank(c, V)
    mixed(c, V, uk, h)
