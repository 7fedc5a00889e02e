// Package desk is the secretariat's desk, the web application that
// `perinet serve` runs over the store: in Japanese, every page made on the
// server with html/template, its style and its one small script embedded
// in the binary, nothing fetched from anywhere else. Every page has a URL
// that can be bookmarked, and works without the script, which only points
// out the cell a value was read from.
//
// # Pages
//
//	/                     年度の状況: for a fiscal year (?year=2016), every
//	                      awaited group in the survey's order with its state
//	                      (intake.Ledger.Status, as perinet status prints it),
//	                      its latest file, the deadline and the days left
//	/files/{id}           a submission, by its ledger ID: the form as the
//	                      hospital made it, each sheet an HTML table with its
//	                      merged cells (the kept copy read again with ingest),
//	                      a PDF's each page drawn as SVG from its glyphs and
//	                      ruling lines (a page of more than 20,000 glyphs
//	                      without its text), a rect over each cell read,
//	                      beside the Records read from it; every value linked to
//	                      its cell, every problem shown at its cell, the
//	                      receipt ready to copy
//	/files/{id}/original  the kept copy's bytes, as a download
//	/files/{id}/receipt   its receipt (受付結果.txt), as a download
//	/groups/{name}        a group's answers of every year side by side, what
//	                      changed from the year before marked
//	/audit                the audit trail: every arrival and every report
//	                      made, filtered by year, group and outcome;
//	                      /audit.csv is the same rows in CSV (UTF-8 with a
//	                      byte order mark, for Excel)
//	/reports              each year's reports, to open or download;
//	                      /reports/{year}/{name} serves one; POST
//	                      /reports/remake remakes a year's (nightly.WriteReports)
//	/corrections/{year}/{name}
//	                      a group's Record of a year as it stands, a form to
//	                      correct one field with a reason (POST), and every
//	                      correction of it: withdrawn (POST …/{id}/withdraw),
//	                      or made for a file a later one replaced, and made
//	                      again for the current one (POST …/{id}/reapply)
//
// # Corrections
//
// A correction (perinet.Correction) changes one field of the Record that
// stands for a group and year: the hospital, 開始年月, an item's mark,
// count or details. The value typed is read by the parser of the field's
// kind (normalize.FieldKind, normalize.ParserFor), as a form's cell is;
// what the parser refuses is refused with its message, and a correction
// needs a reason and a name. It is stored for the file whose Record it
// changes, never written into the file; a later submission of the group
// does not inherit it (intake.Ledger.InForce), and the page offers to
// make it again. A withdrawal is recorded beside the correction.
//
// # Safety
//
// The store is opened read-only (store.OpenReadOnly) for every page. A
// change (a correction, a withdrawal, reports remade) takes the nightly
// run's lock of the work folder (nightly.Lock) and opens the store for
// writing for that change only, as one transaction, logged; while a run
// holds the lock the page says so (夜間の処理中です) and nothing is
// written. Nothing else is written. Files are found by ledger ID or by fiscal year and a report's
// name as the nightly run names it, never by a path from the request, and
// are opened through an os.Root of the work folder, which nothing can
// leave. Every request that would change something (a method other than
// GET and HEAD) must come from the desk's own pages: from the same
// origin (http.CrossOriginProtection: Sec-Fetch-Site, else Origin) and with
// the form's token, which only a page of the desk knows. When the desk
// listens only on loopback, it answers only requests addressed to this
// computer (localhost, 127.0.0.1, [::1]), so that a web page elsewhere
// cannot reach it by renaming itself (DNS rebinding). With a password
// (Options.PasswordHash, required when it listens beyond this computer),
// every page but the sign-in page asks for it first; a wrong password
// costs a second, one attempt at a time. Pages say plainly when the
// connection is not encrypted.
package desk
