package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// newCommandFlags returns the flag set of a command. It prints nothing:
// parseFlags says what is wrong, in Japanese.
func newCommandFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// flagSyntax is what an argument that names a flag looks like: one or two
// dashes, a name that starts with a letter, and maybe "=value". Anything
// else is a file name or a value, "-", "-3" and "- 研修会" among them.
var flagSyntax = regexp.MustCompile(`^--?([A-Za-z][A-Za-z0-9-]*)(=(?s:.*))?$`)

// errHelp is parseFlags' answer to -h or --help.
var errHelp = errors.New("help")

// parseFlags parses args into fs with the flags anywhere among the other
// arguments, as people write them (`perinet check a.xlsx --json`): each
// flag takes its value from "=value" or from the next argument (a
// boolean flag from "=value" only), and "--" ends the flags, so that
// everything after it is a file name or a value. It returns errHelp for
// -h and --help, and an error in Japanese for a flag that does not exist,
// lacks its value or has one it cannot take.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var rest []string
	for i := 0; i < len(args); i++ {
		m := flagSyntax.FindStringSubmatch(args[i])
		if args[i] == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if m == nil {
			rest = append(rest, args[i])
			continue
		}
		name, value, hasValue := m[1], strings.TrimPrefix(m[2], "="), m[2] != ""
		if name == "h" || name == "help" {
			return errHelp
		}
		f := fs.Lookup(name)
		if f == nil {
			return fmt.Errorf("「%s」というオプションはありません（%s）。「-」で始まるファイル名や値は、-- の後に書いてください",
				args[i], flagNames(fs))
		}
		if !hasValue {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				value = "true"
			} else if i+1 < len(args) {
				i++
				value = args[i]
			} else {
				return fmt.Errorf("--%s の後に値を書いてください（%s）", name, f.Usage)
			}
		}
		if err := fs.Set(name, value); err != nil {
			return fmt.Errorf("--%s に「%s」は指定できません（%s）", name, value, f.Usage)
		}
	}
	return fs.Parse(append([]string{"--"}, rest...))
}

// flagNames lists the flags of fs, for a message.
func flagNames(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	if len(names) == 0 {
		return "このコマンドにオプションはありません"
	}
	return "使えるオプション: " + strings.Join(names, ", ")
}

// parseCommandLine parses a command's arguments with parseFlags. On -h or
// --help it prints the command's usage on stdout; on a mistake, the
// mistake and the command's usage on stderr. ok is false then, and code
// the exit status to return.
func parseCommandLine(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := parseFlags(fs, args)
	switch {
	case errors.Is(err, errHelp):
		fmt.Fprint(stdout, commandUsage(fs.Name()))
		return exitOK, false
	case err != nil:
		return usageError(stderr, fs.Name(), err.Error()), false
	}
	return exitOK, true
}

// usageError prints a command's mistake and its usage, and returns
// exitUsage.
func usageError(stderr io.Writer, command, msg string) int {
	fmt.Fprintf(stderr, "perinet %s: %s\n\n%s", command, msg, commandUsage(command))
	return exitUsage
}
