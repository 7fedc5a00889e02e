package nightly

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// crashScenario fills an inbox with what a night may bring: forms, a
// duplicate, a form with an error and its correction, a file that is no
// form, and a corrected form superseding one of the same run.
func crashScenario(e *env) {
	t := e.t
	e.dropFixtures(day(15), "fy2016/form-01-kuchuobu.xlsx", "fy2016/form-02-kunanbu.xlsx")
	e.drop("nishitama.xlsx", edited(t, "fy2016/form-09-nishitama.xlsx", map[string]string{"C7": "H31年5月"}), day(15).Add(2*time.Minute))
	e.drop("memo.csv", []byte("名前,値\nさくら,1\n"), day(15).Add(3*time.Minute))
	e.drop("form-01-再送.xlsx", fixture(t, "fy2016/form-01-kuchuobu.xlsx"), day(16))
	e.drop("nishitama-修正.xlsx", fixture(t, "fy2016/form-09-nishitama.xlsx"), day(17))
	e.drop("form-02-修正.xlsx", edited(t, "fy2016/form-02-kunanbu.xlsx", map[string]string{"C16": ""}), day(17).Add(time.Minute))
}

// errCrash stops a run as a crash would.
var errCrash = errors.New("crash")

// reference runs the scenario without a crash and returns what it left,
// and the steps it went through.
func reference(t *testing.T) (tree map[string]string, ledger []string, steps []string) {
	e := newEnv(t)
	crashScenario(e)
	r, err := newRun(e.options())
	if err != nil {
		t.Fatal(err)
	}
	r.step = func(step, name string) error {
		steps = append(steps, step+" "+filepath.Base(name))
		return nil
	}
	if err := r.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r.sum.Accepted != 4 || r.sum.Rejected != 2 || r.sum.Duplicate != 1 || r.sum.Superseded != 1 {
		t.Fatalf("reference run: %+v", r.sum)
	}
	return e.tree(), e.ledger(), steps
}

// TestCrashAtEveryStep stops a run at each step that leaves something on
// disk, then runs again: every file ends kept and recorded once, as after
// a run that was never stopped, and the reports are the same bytes.
func TestCrashAtEveryStep(t *testing.T) {
	wantTree, wantLedger, steps := reference(t)
	for i, step := range steps {
		t.Run(fmt.Sprintf("%02d %s", i, step), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			crashScenario(e)
			r, err := newRun(e.options())
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			r.step = func(string, string) error {
				if n++; n > i {
					return errCrash
				}
				return nil
			}
			if err := r.run(context.Background()); !errors.Is(err, errCrash) {
				t.Fatalf("the run did not stop: %v", err)
			}
			e.run()
			e.check(wantTree, wantLedger)
		})
	}
}

// check compares the env with what a run that never stopped left.
func (e *env) check(wantTree map[string]string, wantLedger []string) {
	e.t.Helper()
	if d := diff(wantTree, e.tree()); len(d) > 0 {
		e.t.Errorf("files differ from an uninterrupted run's:\n%s", strings.Join(d, "\n"))
	}
	if got := e.ledger(); !slices.Equal(got, wantLedger) {
		e.t.Errorf("store differs from an uninterrupted run's:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantLedger, "\n"))
	}
}

// perinetBinary builds the perinet command into a temporary folder: the
// crash test kills the program the scheduler runs, not a stand-in.
func perinetBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "perinet")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, "perinet/cmd/perinet").CombinedOutput()
	if err != nil {
		t.Fatalf("go build perinet: %v\n%s", err, out)
	}
	return bin
}

// TestCrashKill builds perinet, kills its nightly run with SIGKILL at
// random moments (seeded: set PERINET_CRASH_SEED to replay), then runs
// again: the end is always that of a run never killed.
func TestCrashKill(t *testing.T) {
	wantTree, wantLedger, _ := reference(t)
	bin := perinetBinary(t)
	seed := uint64(20261125)
	if s := os.Getenv("PERINET_CRASH_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	trials := 50
	if testing.Short() {
		trials = 5
	}
	start := time.Now()
	full := childRun(t, bin, newEnvWith(t, crashScenario), -1)
	killed := 0
	left := make([]int, 8) // how many runs were killed with n files left in the inbox
	for i := range trials {
		delay := time.Duration(rng.Int64N(int64(full) * 5 / 4))
		e := newEnvWith(t, crashScenario)
		if childRun(t, bin, e, delay) < 0 {
			killed++
			left[len(names(t, e.inbox))]++
		}
		e.run()
		if e.check(wantTree, wantLedger); t.Failed() {
			t.Fatalf("trial %d (seed %d): killed after %v", i, seed, delay)
		}
	}
	t.Logf("%d trials, %d killed before the end (by inbox files left, 0 to 7: %v); a whole run takes %v; %v in all",
		trials, killed, left, full, time.Since(start))
}

// newEnvWith returns a new env filled by fill.
func newEnvWith(t *testing.T, fill func(*env)) *env {
	e := newEnv(t)
	fill(e)
	return e
}

// childRun runs `perinet run` on e and kills it after delay (never when
// delay is negative). It returns how long the child ran, negative when it
// was killed. The files of e have settled long ago (their modification
// times are in 2017), so --settle 0 takes what e.options() would.
func childRun(t *testing.T, bin string, e *env, delay time.Duration) time.Duration {
	t.Helper()
	cmd := exec.Command(bin, "run", "--inbox", e.inbox, "--work", e.work, "--publish", e.publish, "--settle", "0")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var timeout <-chan time.Time
	if delay >= 0 {
		timeout = time.After(delay)
	}
	select {
	case err := <-done:
		// The scenario rejects two files: perinet run ends with status 3.
		if exit := (*exec.ExitError)(nil); !errors.As(err, &exit) || exit.ExitCode() != 3 {
			t.Fatalf("perinet run: %v, want exit status 3\n%s", err, stderr.String())
		}
		return time.Since(start)
	case <-timeout:
		cmd.Process.Kill()
		<-done
		return -time.Since(start)
	}
}
