package store

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"perinet"
)

// The helper process: a writer that another test starts, and may kill.
// It adds files to the store at $PERINET_STORE_HELPER, named
// $PERINET_STORE_HELPER_PREFIX-0, -1, …, $PERINET_STORE_HELPER_N of them
// (until killed when 0), and prints "added ID NAME" after each Add returns.
// With $PERINET_STORE_HELPER_BACKUP set, it backs the store up after each
// Add, keeping three backups.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv("PERINET_STORE_HELPER")
	if path == "" {
		t.Skip("run by the other tests as a separate process")
	}
	prefix := os.Getenv("PERINET_STORE_HELPER_PREFIX")
	n, _ := strconv.Atoi(os.Getenv("PERINET_STORE_HELPER_N"))
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := 0; n == 0 || i < n; i++ {
		f, records, problems := generated(prefix, i)
		e, err := s.Add(ctx, f, records, problems)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("added %d %s\n", e.ID, e.Name)
		if os.Getenv("PERINET_STORE_HELPER_BACKUP") == "" {
			continue
		}
		if _, _, err := s.Backup(ctx, time.Now()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if _, err := s.RemoveBackups(3); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// generated is the i-th file of a writer: three groups of twelve, of one of
// three years; every seventh file rejected; every eleventh the same bytes as
// the fifth file before it.
func generated(prefix string, i int) (NewFile, []perinet.Record, []perinet.Problem) {
	content := fmt.Sprintf("%s-%d", prefix, i)
	if i%11 == 10 {
		content = fmt.Sprintf("%s-%d", prefix, i-5)
	}
	f := newFile(fmt.Sprintf("%s-%d.xlsx", prefix, i), content, i)
	fy := 2016 + (i/50)%3
	var records []perinet.Record
	for k := range 3 {
		records = append(records, record(fy, fmt.Sprintf("group%02d", (i+k)%12), content))
	}
	var problems []perinet.Problem
	if i%7 == 6 {
		problems = append(problems, badDate)
	}
	return f, records, problems
}

// helper starts the helper process as a writer of n files (0: until
// killed), with the environment variables env added.
func helper(t *testing.T, path, prefix string, n int, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "PERINET_STORE_HELPER="+path,
		"PERINET_STORE_HELPER_PREFIX="+prefix, "PERINET_STORE_HELPER_N="+strconv.Itoa(n))
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// added reads the helper's "added ID NAME" lines until its output ends.
func added(sc *bufio.Scanner) map[int64]string {
	m := make(map[int64]string)
	for sc.Scan() {
		var id int64
		var name string
		if _, err := fmt.Sscanf(sc.Text(), "added %d %s", &id, &name); err == nil {
			m[id] = name
		}
	}
	return m
}

// checkLedger checks what every store must satisfy, however it was
// interrupted: IDs without gaps, every file whole (all its Records or, as a
// duplicate, none), and as current Record of each group the one of the
// latest accepted file that holds it, each superseded by the next.
func checkLedger(t *testing.T, s *Store, records int) []FileEntry {
	t.Helper()
	ctx := context.Background()
	byID := make(map[int64]FileEntry)
	for fy := 2016; fy <= 2018; fy++ {
		files, err := s.Files(ctx, fy)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			byID[f.ID] = f
		}
	}
	var all []FileEntry
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		all = append(all, byID[id])
	}
	seen := make(map[int64]bool)
	type key struct {
		fy    int
		block string
	}
	last := make(map[key]int64) // the latest accepted file of each group
	for _, f := range all {
		if f.Outcome == Duplicate {
			seen[f.ID] = true
			continue
		}
		if len(f.Groups) != records {
			t.Errorf("file %d (%s) has %d groups, want %d", f.ID, f.Name, len(f.Groups), records)
		}
		for _, g := range f.Groups {
			k := key{g.FiscalYear, g.Block}
			if f.Outcome == Accepted {
				if g.Supersedes != last[k] {
					t.Errorf("file %d, %v: supersedes %d, want %d", f.ID, k, g.Supersedes, last[k])
				}
				last[k] = f.ID
			}
		}
		seen[f.ID] = true
	}
	for id := int64(1); id <= int64(len(seen)); id++ {
		if !seen[id] {
			t.Errorf("no file %d among %d", id, len(seen))
		}
	}
	for fy := 2016; fy <= 2018; fy++ {
		records, err := s.Records(ctx, fy)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for k := range last {
			if k.fy == fy {
				n++
			}
		}
		if len(records) != n {
			t.Errorf("Records(%d): %d, want %d", fy, len(records), n)
		}
	}
	for _, f := range all {
		for _, g := range f.Groups {
			if f.Outcome != Accepted {
				continue
			}
			if current := last[key{g.FiscalYear, g.Block}] == f.ID; g.Current != current {
				t.Errorf("file %d, %d %s: current %v, want %v", f.ID, g.FiscalYear, g.Block, g.Current, current)
			}
		}
	}
	return all
}

// TestKilledWriter kills a writing process at random moments: every Add that
// returned is in the store, and the store is whole.
func TestKilledWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "store.db")
	r := rand.New(rand.NewPCG(5, 5))
	for trial := range 10 {
		cmd, sc := helper(t, path, fmt.Sprintf("trial%d", trial), 0)
		time.Sleep(time.Duration(20+r.IntN(200)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		got := added(sc)
		cmd.Wait()
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("trial %d: reopening after the kill: %v", trial, err)
		}
		all := checkLedger(t, s, 3)
		byID := make(map[int64]string)
		for _, f := range all {
			byID[f.ID] = f.Name
		}
		for id, name := range got {
			if byID[id] != name {
				t.Errorf("trial %d: file %d was added as %s, the store has %q", trial, id, name, byID[id])
			}
		}
		t.Logf("trial %d: %d files acknowledged, %d in the store", trial, len(got), len(all))
		s.Close()
	}
}

// TestTwoProcesses: two processes write to one store at once; each waits
// for the other, and nothing is lost.
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "store.db")
	const n = 150
	type result struct {
		added map[int64]string
		err   error
	}
	results := make(chan result, 2)
	for _, prefix := range []string{"a", "b"} {
		cmd, sc := helper(t, path, prefix, n)
		go func() {
			m := added(sc)
			results <- result{m, cmd.Wait()}
		}()
	}
	ids := make(map[int64]string)
	for range 2 {
		r := <-results
		if r.err != nil {
			t.Fatalf("writer: %v", r.err)
		}
		for id, name := range r.added {
			if other, ok := ids[id]; ok {
				t.Errorf("file %d added as both %s and %s", id, other, name)
			}
			ids[id] = name
		}
	}
	if len(ids) != 2*n {
		t.Errorf("%d files acknowledged, want %d", len(ids), 2*n)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if all := checkLedger(t, s, 3); len(all) != 2*n {
		t.Errorf("%d files in the store, want %d", len(all), 2*n)
	}
}

// TestConcurrentOpen: goroutines open the same new store at once, each with
// its own connection, and write to it.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	const writers, n = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			ctx := context.Background()
			s, err := Open(ctx, path)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := range n {
				f, records, problems := generated(fmt.Sprintf("w%d", w), i)
				if _, err := s.Add(ctx, f, records, problems); err != nil {
					errs <- err
					return
				}
				if _, err := s.Records(ctx, 2016); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if all := checkLedger(t, s, 3); len(all) != writers*n {
		t.Errorf("%d files in the store, want %d", len(all), writers*n)
	}
}

// TestBusyTimeout: while another program holds the write lock, Add waits
// for it rather than failing, and reading goes on meanwhile.
func TestBusyTimeout(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	mustAdd(t, s, newFile("a.xlsx", "a", 0), []perinet.Record{record(2016, "区中央部", "愛育病院")})
	db := rawDB(t, path)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "UPDATE files SET name = name"); err != nil {
		t.Fatal(err)
	}
	const hold = 300 * time.Millisecond
	start := time.Now()
	if h := hospitals(t, s, 2016); h["区中央部"] != "愛育病院" {
		t.Errorf("Records while another holds the lock = %v", h)
	}
	if d := time.Since(start); d > hold/2 {
		t.Errorf("reading waited %v for the writer", d)
	}
	go func() {
		time.Sleep(hold)
		conn.ExecContext(context.Background(), "COMMIT")
	}()
	e, err := s.Add(ctx, newFile("b.xlsx", "b", 1), []perinet.Record{record(2016, "区南部", "東邦大学医療センター大森病院")}, nil)
	if err != nil {
		t.Fatalf("Add while another holds the lock: %v", err)
	}
	if d := time.Since(start); d < hold {
		t.Errorf("Add returned after %v, before the lock was released", d)
	}
	if e.ID != 2 || !strings.HasPrefix(e.Name, "b") {
		t.Errorf("Add = %+v", e)
	}
}
