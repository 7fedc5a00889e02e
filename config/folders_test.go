package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJudgeFolders judges sets of folders, each written as where it lies:
// the identities of the folders from the root down (#n, the same number
// for the same folder however it is reached), then the names of those
// not made yet (/name, folded).
func TestJudgeFolders(t *testing.T) {
	type folders struct{ inbox, work, publish, archive, rejected, reports string }
	apart := folders{inbox: "#0 #1 #2", work: "#0 #1 #3", publish: "#0 #1 #4"}
	with := func(change func(f *folders)) folders {
		f := apart
		change(&f)
		return f
	}
	for _, c := range []struct {
		name    string
		folders folders
		want    string // "A B" of the FolderError, with "inside" when B lies inside A; "" for none
	}{
		{"all apart", apart, ""},
		{"no publish folder", with(func(f *folders) { f.publish = "" }), ""},
		{"inbox is work", with(func(f *folders) { f.work = "#0 #1 #2" }), "inbox work"},
		{"inbox is work, reached another way (a link, a mount)", with(func(f *folders) { f.work = "#0 #5 #6 #2" }), "inbox work"},
		{"inbox is publish", with(func(f *folders) { f.publish = "#0 #1 #2" }), "inbox publish"},
		{"work is publish", with(func(f *folders) { f.publish = "#0 #1 #3" }), "work publish"},
		{"inbox inside work", with(func(f *folders) { f.inbox = "#0 #1 #3 #7" }), "work inbox inside"},
		{"work inside inbox", with(func(f *folders) { f.work = "#0 #1 #2 #7" }), "inbox work inside"},
		{"inbox inside publish", with(func(f *folders) { f.inbox = "#0 #1 #4 #7 #8" }), "publish inbox inside"},
		{"publish inside inbox", with(func(f *folders) { f.publish = "#0 #1 #2 #7" }), "inbox publish inside"},
		{"inbox inside work, reached through a link", with(func(f *folders) { f.inbox = "#0 #9 #3 #7" }), "work inbox inside"},
		{"the archive a link to the inbox", with(func(f *folders) { f.archive = "#0 #1 #2" }), "inbox work/archive"},
		{"the rejected folder a link into the inbox", with(func(f *folders) { f.rejected = "#0 #1 #2 #7" }), "inbox work/rejected inside"},
		{"the inbox inside the reports folder, a link out of work", with(func(f *folders) {
			f.reports = "#0 #1 #7"
			f.inbox = "#0 #1 #7 #8"
		}), "work/reports inbox inside"},
		{"publish is the reports folder", with(func(f *folders) { f.publish = "#0 #1 #3 /reports" }), "publish work/reports"},
		{"publish is the archive, made", with(func(f *folders) { f.publish, f.archive = "#0 #1 #3 #7", "#0 #1 #3 #7" }), "publish work/archive"},
		{"publish inside work", with(func(f *folders) { f.publish = "#0 #1 #3 /公開" }), ""},
		{"work inside publish", with(func(f *folders) { f.work = "#0 #1 #4 #7" }), ""},
		{"publish inside the reports folder", with(func(f *folders) { f.publish = "#0 #1 #3 /reports /2016年度" }), ""},
		{"work not made yet", with(func(f *folders) { f.work = "#0 #1 /work" }), ""},
		{"work not made yet, the inbox named inside it", with(func(f *folders) {
			f.work = "#0 #1 /new"
			f.inbox = "#0 #1 /new /inbox"
		}), "work inbox inside"},
		{"the same folder not made yet", with(func(f *folders) { f.work, f.publish = "#0 #1 /new", "#0 #1 /new" }), "work publish"},
		{"a folder made and another not, with one name", with(func(f *folders) { f.publish = "#0 #1 #3 /x" }), ""},
		{"folders not made yet, of one name in two folders", with(func(f *folders) { f.work, f.publish = "#0 #1 /new", "#0 #4 /new" }), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := c.folders
			var places []place
			add := func(key, sub, at string) {
				if at != "" {
					places = append(places, place{Folder{Key: key, Sub: sub}, strings.Fields(at)})
				}
			}
			add("inbox", "", f.inbox)
			add("work", "", f.work)
			add("publish", "", f.publish)
			for _, sub := range []struct{ name, at string }{{ArchiveDir, f.archive}, {RejectedDir, f.rejected}, {ReportsDir, f.reports}} {
				if sub.at == "" {
					sub.at = f.work + " /" + sub.name
				}
				add("work", sub.name, sub.at)
			}
			got := ""
			var fe *FolderError
			if err := judgeFolders(places); errors.As(err, &fe) {
				name := func(f Folder) string { return strings.Trim(f.Key+"/"+f.Sub, "/") }
				got = name(fe.A) + " " + name(fe.B)
				if fe.Inside {
					got += " inside"
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("judgeFolders: %q, want %q", got, c.want)
			}
		})
	}
}

// TestCheckFolders checks folders on disk: links followed, a folder not
// made yet, and names in another case where the disk ignores case; the
// message names the two settings and their folders.
func TestCheckFolders(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	in := func(names ...string) string { return filepath.Join(append([]string{root}, names...)...) }
	for _, d := range []string{"inbox", "work", "publish", "work/reports"} {
		if err := os.MkdirAll(in(d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	link := func(to, name string) string {
		if err := os.Symlink(to, in(name)); err != nil {
			t.Skipf("no links here: %v", err)
		}
		return in(name)
	}
	toWork, toInbox := link(in("work"), "to-work"), link(in("inbox"), "to-inbox")
	caseless := false
	if _, err := os.Stat(in("WORK")); err == nil {
		caseless = true
	}
	for _, c := range []struct {
		name                 string
		inbox, work, publish string
		flags                []string
		msg                  string // a part of the message; "" for no error
		onlyWhereCaseIgnored bool
	}{
		{"apart", in("inbox"), in("work"), in("publish"), nil, "", false},
		{"inbox a link to work", toWork, in("work"), "", nil,
			"受付フォルダ（inbox = " + toWork + "）と作業フォルダ（work = " + in("work") + "）が同じフォルダです。", false},
		{"inbox a link to work, from flags", toWork, in("work"), "", []string{"inbox", "work"},
			"受付フォルダ（--inbox = " + toWork + "）と作業フォルダ（--work = " + in("work") + "）が同じフォルダです。", false},
		{"inbox inside work through a link", filepath.Join(toWork, "inbox"), in("work"), "", []string{"inbox"},
			"受付フォルダ（--inbox = " + filepath.Join(toWork, "inbox") + "）が、作業フォルダ（work = " + in("work") + "）の中にあります。", false},
		{"work not made yet inside the inbox", in("inbox"), filepath.Join(toInbox, "new", "work"), "", nil,
			"作業フォルダ（work = " + filepath.Join(toInbox, "new", "work") + "）が、受付フォルダ（inbox = " + in("inbox") + "）の中にあります。", false},
		{"publish the reports folder", in("inbox"), in("work"), in("work", "reports"), []string{"publish"},
			"公開フォルダ（--publish = " + in("work", "reports") + "）と報告書のフォルダ（work の reports = " + in("work", "reports") + "）が同じフォルダです。", false},
		{"publish in work", in("inbox"), in("work"), in("work", "公開"), nil, "", false},
		{"inbox in another case", in("WORK"), in("work"), "", nil, "が同じフォルダです", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.onlyWhereCaseIgnored && !caseless {
				t.Skip("this disk tells names apart by case")
			}
			err := Config{Inbox: c.inbox, Work: c.work, Publish: c.publish}.CheckFolders(c.flags...)
			var fe *FolderError
			switch {
			case c.msg == "" && err != nil:
				t.Errorf("CheckFolders: %v, want nil", err)
			case c.msg != "" && (!errors.As(err, &fe) || !strings.Contains(err.Error(), c.msg)):
				t.Errorf("CheckFolders: %v, want a FolderError saying %q", err, c.msg)
			}
		})
	}
	if _, err := os.Stat(in("inbox", "new")); err == nil {
		t.Error("CheckFolders made a folder")
	}
}
