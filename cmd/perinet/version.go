package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"perinet"
)

// runVersion is `perinet version` (and `perinet --version`): the version
// and build of this perinet, for a report of a problem.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newCommandFlags("version")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "version", "余分な引数があります: "+strings.Join(fs.Args(), " "))
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprint(stdout, versionText(info))
	return exitOK
}

// versionText says which perinet info describes: the module's version,
// the commit it was built from (vcs.revision, vcs.time, and whether the
// tree had changes not committed, vcs.modified) and the Go it was built
// with. info may be nil (a binary without build information).
func versionText(info *debug.BuildInfo) string {
	if info == nil {
		return "perinet（バージョン不明: ビルドの情報がありません）\n"
	}
	version := info.Main.Version
	if version == "" || version == "(devel)" {
		version = "開発版（(devel)）"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	build := "リビジョン不明（バージョン管理の情報なしでビルドされました）"
	if rev := settings["vcs.revision"]; rev != "" {
		build = "リビジョン " + rev
		if t, err := time.Parse(time.RFC3339, settings["vcs.time"]); err == nil {
			build += "（" + t.In(perinet.Japan()).Format("2006-01-02 15:04:05") + " 日本時間）"
		}
		if settings["vcs.modified"] == "true" {
			build += "、コミットしていない変更を含む"
		}
	}
	return fmt.Sprintf("perinet %s\nビルド: %s\nGo: %s\n", version, build, info.GoVersion)
}
