// Package nightly is the engine of `perinet run`, the job the secretariat
// schedules every night: it takes the files hospitals sent from the inbox
// folder into the store, keeps each one with a receipt, and brings the
// committee's reports up to date, losing nothing whatever happens.
//
// # What is taken
//
// Only the files directly in the inbox are looked at, oldest first (by
// modification time, then name), so that of two submissions for one group
// the later one supersedes. Left alone, counted as Ignored without a
// word: names starting with "~" (Office's ~$ lock files and ~WRL….tmp
// files), LibreOffice's .~lock.*# files, macOS's ._* files and
// .DS_Store, Thumbs.db and desktop.ini, temporary files and unfinished
// downloads (.tmp, .temp, .crdownload, .part, .partial, .download) and
// perinet's own receipts. Left alone too, but listed in Summary.Files with
// why (FileResult.Ignored), as the secretariat may have meant them to be
// taken: links (never followed), folders, what is no regular file (a
// named pipe, a device, a socket), and hidden files (a name starting with
// ".", or Windows' hidden attribute). Only a regular file is ever opened,
// and opening never waits: a file replaced by a named pipe after the
// folder was read is opened without blocking (O_NONBLOCK on Unix), seen
// to be no file, and left alone (ingest.OpenFile). Left in the inbox for
// the next run, and counted as Skipped: a file changed less than
// Options.Settle ago (modified, or copied in: its status change time on
// Unix, its creation time on Windows, as a copy keeps the modification
// time of the file copied), as a copy may still be going on; a file another program has open for writing (Windows says
// so); a file whose Office lock file (~$name) lies beside it (someone has
// it open in Excel, perhaps to correct it), a file whose size,
// modification time or identity changed while it was read (it is still
// being written), and a file that cannot be read from the inbox (this
// makes Run return an error at the end, so that cron mails someone). A
// file dated in the future (beyond Options.Settle) is skipped as such: a
// clock is wrong, no copy is going on.
//
// Nothing waits unsaid: the store keeps the files each run skipped, with
// the runs in a row that skipped each (store.Waiting), and a file skipped
// by Options.WaitRuns runs or more (a workbook whose stale ~$ lock file a
// crash of Excel left, a date in the future) is a warning in the log,
// counted in Summary.Stuck, which perinet run turns into exit status 3.
//
// # Reading
//
// Each file is read and judged by Options.Judge, as every command reads
// files. That of perinet run reads each file in a child process, under a
// memory and a time limit (package sandbox), so that a file that exhausts
// either, or breaks the reader, is rejected like any other (too_large,
// unreadable_file) instead of stopping this night and every night after.
// An error of the Judge itself (no child could be started) stops the
// run, the file still in the inbox.
//
// # Arrival
//
// A file's arrival is its name, its bytes (their SHA-256) and the inbox
// file's modification time, which is the arrival time the ledger records
// and the date in the kept copy's name. The wall clock would be no better
// a witness of when the file came (a file waits in the inbox for the
// night), and a rerun after a crash would compute another time, another
// path and another ledger entry from it; the modification time is the
// same on every run. A file whose arrival the ledger already holds is that
// same arrival, whichever run sees it: a run that crashed after recording
// it, or the very file put back into the inbox by hand; it is not recorded
// twice. The same bytes under another name or time are a new arrival, and
// a duplicate (store.Duplicate) of the first.
//
// # The work folder
//
//	perinet.db                      the store, the only state
//	backup/                         the store's latest seven backups
//	    perinet-2017-05-16-020004.db    the store as a run made it, backed
//	                                    up at that time (Japan time)
//	perinet.lock                    held by the run in progress, on Windows
//	.perinet-tmp/                   files being taken; what a run left there
//	                                is removed by the next (only what perinet
//	                                made: names beginning .perinet-)
//	archive/2016年度/               accepted files of fiscal year 2016 (the
//	                                latest year read from the file)
//	    2017-05-15_1a2b3c4d_区中央部.xlsx           the file's bytes as sent
//	    2017-05-15_1a2b3c4d_区中央部.xlsx.受付結果.txt  its receipt
//	rejected/                       files with an error, named the same way,
//	                                among them every file no year was read from
//	reports/2016年度/
//	    report-2017-05-15.pdf, .xlsx    each version of the year's report
//	    report-2017-05-15-2.pdf, .xlsx  a second version with that date
//	    latest.pdf, latest.xlsx         the current version
//	    .latest-input                   what the current version was made from
//
// The work folder, the inbox and the publish folder cannot eat each other:
// Run refuses, before it touches anything, two of them (or archive/,
// rejected/, reports/) that are one folder, and the inbox inside any
// other or any other inside the inbox (config.Config.CheckFolders).
//
// A copy is named <arrival date (Japan time)>_<first 8 hex digits of the
// SHA-256>_<name as sent>, the name shortened to fit, with its receipt's
// suffix, in the 255 bytes a file system allows (its extension kept). When
// an earlier arrival's copy has taken that name (the same bytes sent twice
// on one day under one name, or under a name such as "x (2).xlsx", or
// under two long names alike up to the cut; names compared without case,
// as Windows and macOS compare them), the copy is "<name> (2).xlsx", as
// Windows names a second copy, or (3), (4) …: the first number no earlier
// arrival took. So no copy or receipt is ever written over another's, and
// any later run finds the name again from the ledger alone.
// A duplicate is kept where the file it repeats is kept, with a receipt
// that names that file. A file with an error stays in rejected/ until, for
// every group read from it, a file accepted after it holds the group: then
// it moves with its receipt into the archive of its year, so that rejected/
// lists only what still waits for a correction. A file from which no group
// was read (not a form, not readable) cannot be corrected that way: it
// stays in rejected/ until the secretariat removes it.
//
// # Receipts
//
// Every kept file gets a receipt beside it, <copy name>.受付結果.txt, in
// UTF-8 with a byte order mark and CR LF line ends, so that Notepad opens
// it as it is: whether the file was accepted (or repeats which earlier
// file), what was read from each group (fiscal year, group and tier,
// hospital, 開始年月, the mark, count and details of every item), and every
// problem with its cell and field, in Japanese the secretariat can forward
// to the hospital. No receipt is written into the inbox: the inbox is
// what still waits, and is empty after a good night.
//
// # Reports
//
// After the inbox, every fiscal year with current Records gets its report
// remade when what it is made from changed since its latest version (or
// it has none): the current Records of the year and of the earlier years
// (for the trend), the year's submissions, the purpose, the notes and the
// paper. Its digest is kept in .latest-input. The submissions are, for
// each group, the latest file that holds it (accepted or rejected: a
// rejected file that was corrected is no longer one), and the files no
// fiscal year could be read from that arrived while the year was the
// latest one being collected (the latest year read from the files before
// them). The report's date, printed on it and naming its version, is the
// latest arrival among the files it draws on (duplicates aside), never
// the clock, so the same store always gives the same bytes under the same
// names. A version is written as report-<date>.pdf and .xlsx (-2, -3 …
// when another report of that date is there), then latest.pdf and
// latest.xlsx, then the digest. The PDF of Options.PublishYear (default:
// the latest year) is copied to Options.Publish, as 報告書_2016年度.pdf,
// when it differs from the copy there.
//
// # The store's guard
//
// A run begins by checking the store: store.Open reads every page of it
// (PRAGMA quick_check), and a damaged store stops the run before the inbox
// is looked at. So does a store that is missing while backup/ holds
// backups of it (store.ErrMissing): it was lost, and an empty store in its
// place would take every file sent again for a new one.
//
// Once the inbox is taken the store does not change again in the run, and
// it is backed up into backup/ (store.Backup: a consistent copy, written
// to a temporary name, synced and renamed), unless the latest backup
// already holds what the store holds. So a run that recorded nothing
// makes no backup, while the first run makes one (of an empty store, when
// its inbox was empty), and a run that stopped before its backup has it
// made by the next. A backup is named by the clock, to the second, and
// always sorts after the ones before it. The latest seven backups named
// so are kept; other files in backup/ are left alone. Restoring one is
// the secretariat's decision, as README.md says: with no run going,
// perinet.db and its -wal and -shm files are moved away and the backup is
// copied in as perinet.db; the files taken since that backup was made are
// in the archive and in rejected/, but not in the store.
//
// # Crash safety
//
// Every file is written to a temporary file, synced, and renamed into
// place, and its folder synced (except on Windows, which cannot sync a
// folder and journals renames itself); the store commits each file in one
// transaction, on disk when Add returns. A file is taken in these steps,
// and a crash (a SIGKILL, a power cut) between any two is mended by the
// next run:
//
//  1. Copy the inbox file into .perinet-tmp/, hashing it, and read it.
//     Crash: the next run removes the copy; the inbox file is untouched;
//     a child reading it dies with the run (on Linux and Windows). This
//     step runs one file ahead: the next file is copied and read while
//     one goes through steps 2 to 4, which the files go through one at a
//     time, in the order they are taken, so that a crash leaves at most
//     one file more in step 1, and a run that stops on an error removes
//     that file's copy itself.
//  2. Keep the copy (rename from .perinet-tmp/) and write its receipt,
//     where the outcome puts them, and sync their folder once for both,
//     before the store records the file. Crash: the ledger does not hold the arrival, so
//     the next run takes the file anew and computes the same path (same
//     name, bytes and modification time), replacing the copy with the same
//     bytes. Should the file now read otherwise (a date judged against
//     another day, a hospital alias added), the copy and receipt left
//     elsewhere for the same arrival are removed.
//  3. Add the file to the store. Crash before the commit: as 2. After: the
//     next run finds the arrival in the ledger and adds nothing; it writes
//     the copy and receipt only if they are missing, with the ledger's
//     outcome, and goes on to 4.
//  4. Remove the file from the inbox, unless it changed since it was read
//     (a new file saved under its name, taken next time). Crash, or
//     Windows refusing because Excel has the file open: as 3.
//
// Once the inbox is done, the store is backed up: a crash while the
// backup is written leaves a temporary file, which the next backup
// removes, and the store as it was; the next run makes the backup. Then
// rejected files whose groups were corrected are moved (a rename each for the file and its receipt, done again for
// whichever is still in rejected/), and the reports are made: as their
// digest is written last, a crash in between makes the next run remake
// them, with the same bytes and the same version names, since both come
// from the store alone. So a run killed at any moment, then a clean run,
// leaves every file kept once and recorded once, or still in the inbox,
// and the reports of an uninterrupted run: crash_test.go checks this at
// every step, and with SIGKILL at random moments.
//
// Two runs never overlap: each holds an exclusive lock on the work folder,
// which the system releases when the process dies, however it dies; a
// second run returns ErrLocked at once. On Unix the lock is flock's on the
// folder itself, so that no lock file stands for it that someone could
// delete; on Windows, which cannot lock a folder, it is LockFileEx's on
// perinet.lock, held open so that no one can delete or rename it. An
// error from the store (store.ErrCorrupt, store.ErrNotStore,
// store.ErrNewerSchema, store.ErrMissing, a full disk) or from writing
// the work folder stops the run where it is: every file not yet through
// step 4 is still in the inbox, and nothing is overwritten.
package nightly
