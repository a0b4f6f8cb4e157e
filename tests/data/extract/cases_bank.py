"""UK bank details: sort code + account with a banking cue, GB IBANs, decoys.

Label rule: `accounts` holds each "sort code + account" pair; `sort_codes`
holds every sort code the text gives with a banking cue, including the sort
code of each pair; an IBAN's embedded sort code is not listed separately."""
from caselib import c, m, V


def acct(sc, an):
    return {"sort_codes": [sc], "accounts": [sc + " " + an]}


c("bk-001", "Deposit by bank transfer. Sort code: 20-45-77 Account: 31926548", "cue", **acct("20-45-77", "31926548"))
c("bk-002", "S/C 40 11 62  A/C 71543092", "cue abbrev", **acct("40-11-62", "71543092"))
c("bk-003", "sortcode 309634 acc no 12873465", "cue compact", **acct("30-96-34", "12873465"))
c("bk-004", "Bank details:\nSort code 60-83-71\nAccount number 24681357\nRef: your first name", "cue lines", **acct("60-83-71", "24681357"))
c("bk-005", "pay £50 deposit to 11-22-58 / 49302716 (bank transfer)", "cue", **acct("11-22-58", "49302716"))
c("bk-006", "Account no. 88392014, sort code 09-01-28", "cue reversed", **acct("09-01-28", "88392014"))
c("bk-007", "BACS: 52-41-19 63018274", "cue bacs", **acct("52-41-19", "63018274"))
c("bk-008", "<p>Sort Code: <b>77-91-04</b></p><p>Acc: <b>15926374</b></p>", "cue html", fmt="html", **acct("77-91-04", "15926374"))
c("bk-009", "faster payment to sort code 23.14.80 account 80746512", "cue dots", **acct("23-14-80", "80746512"))
c("bk-010", "Bank: sort 16 52 21 / acct 57320981, name M. Example", "cue", **acct("16-52-21", "57320981"))
c("bk-011", "Transfer the deposit (sort code 83-06-08) and text me; account number on request", "cue sort-only", sort_codes=["83-06-08"])
c("bk-012", "Deposit £30: sc 07-00-93 ac 90012345, then call 07700 900 468", "cue phone", phones=[m(468)], **acct("07-00-93", "90012345"))
c("bk-013", "IBAN " + V["iban_1"], "iban", ibans=[V["iban_1"]])
c("bk-014", "IBAN: " + " ".join(V["iban_2"][i:i + 4] for i in range(0, 22, 4)), "iban spaced", ibans=[V["iban_2"]])
c("bk-015", "iban " + V["iban_3"].lower(), "iban lower", ibans=[V["iban_3"]])
c("bk-016", "International transfer: " + V["iban_4"] + " (BIC EXMPGB2L)", "iban", ibans=[V["iban_4"]])
c("bk-017", "<p>IBAN</p><p>" + V["iban_5"] + "</p>", "iban html", fmt="html", ibans=[V["iban_5"]])
c("bk-018", "Pay to " + V["iban_6"] + " or BTC " + V["btc_p2pkh_8"], "iban wallet", ibans=[V["iban_6"]], wallets=[V["btc_p2pkh_8"]])
c("bk-019", "IBAN:" + V["iban_7"] + "\nSort code 56-73-39, account 48774419", "iban cue", ibans=[V["iban_7"]], **acct("56-73-39", "48774419"))
c("bk-020", "deposit → " + " ".join(V["iban_8"][i:i + 4] for i in range(0, 22, 4)), "iban spaced", ibans=[V["iban_8"]])
c("bk-021", "Bank transfer only. " + V["iban_9"], "iban", ibans=[V["iban_9"]])
c("bk-022", "Euro payments: IBAN " + V["iban_10"], "iban", ibans=[V["iban_10"]])
c("bk-023", "Two accounts: sort code 12-05-44 acc 33170982; sort code 30-80-12 acc 66482019", "cue two", sort_codes=["12-05-44", "30-80-12"], accounts=["12-05-44 33170982", "30-80-12 66482019"])
c("bk-024", "Banking details - s.c. 40-47-58 - a/c no 21436587", "cue abbrev", **acct("40-47-58", "21436587"))

D = "decoy bank"
c("bk-dec-001", "Order 12-34-56 item 12345678", D + " no-cue")
c("bk-dec-002", "IBAN " + V["iban_11"][:2] + "%02d" % ((int(V["iban_11"][2:4]) + 1) % 100) + V["iban_11"][4:], D + " bad-checksum")
c("bk-dec-003", "Ref 20-45-77, invoice 31926548", D + " no-cue")
c("bk-dec-004", "Account number on request", D)
c("bk-dec-005", "Sort code: ask me", D)
c("bk-dec-006", "Your bank card ending 4821", D + " masked")
c("bk-dec-007", "Measurements 34-24-36, size 10, 165cm", D + " sort-code-like")
c("bk-dec-008", "Sort code 20-45-7 (typo)", D + " wrong-length")
c("bk-dec-009", "GB IBANs look like GB00 XXXX 0000 0000 0000 00", D + " template")
c("bk-dec-010", "IBAN " + V["iban_12"][:-2], D + " truncated")
