package nightly

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"perinet/intake"
	"perinet/sandbox"
)

// BenchmarkRun2000 takes a backlog of 2,000 forms in one run: the
// one-group forms of FY2014 to FY2018, each sent about 28 times with
// bytes of its own (a zip comment tells the copies apart; excelize
// ignores it), so that every file is read, archived, receipted and
// recorded, most of them superseding the one before, and five years'
// reports are made at the end. It reads the files in-process, and as
// perinet run does, in a child perinet (package sandbox). Besides the
// wall time (ns/op) it reports the processor time of the run and of its
// child (cpu-s/op): the nearer the two, the less the run waits. The
// issue's target: under 60 s and 300 MB on two cores. Measure memory with
//
//	go test -c -o /tmp/nightly.test ./nightly
//	/usr/bin/time -v /tmp/nightly.test -test.run '^$' -test.bench Run2000 -test.benchtime 1x
func BenchmarkRun2000(b *testing.B) {
	var paths []string
	for fy := 2014; fy <= 2018; fy++ {
		paths = append(paths, forms(b, fy)...)
	}
	templates := make([][]byte, len(paths))
	for i, p := range paths {
		templates[i] = fixture(b, p)
	}
	child := &sandbox.Child{Path: perinetBinary(b), Args: []string{"__judge"}, Today: time.Now(),
		Limits: sandbox.Limits{Memory: 1 << 30, Time: time.Minute}}
	defer child.Close()
	const n = 2000
	for _, j := range []struct {
		name  string
		judge intake.Judge
	}{{"in-process", nil}, {"child", child.Judge}} {
		b.Run(j.name, func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				e := newEnv(b)
				for i := range n {
					k := i % len(paths)
					name := fmt.Sprintf("%04d-%s", i, filepath.Base(paths[k]))
					e.drop(name, withComment(b, templates[k], fmt.Sprintf("copy %d", i)), day(1).Add(time.Duration(i)*time.Minute))
				}
				o := e.options()
				o.Judge = j.judge
				before, _ := cpuTime()
				b.StartTimer()
				sum, err := Run(context.Background(), o)
				child.Close() // so that its processor time is counted, as it ends
				after, ok := cpuTime()
				if err != nil {
					b.Fatal(err)
				}
				if ok {
					cpu += after - before
				}
				if sum.Accepted != n || len(sum.Reports) != 2*5 {
					b.Fatalf("summary: %d accepted, %d rejected, reports %v", sum.Accepted, sum.Rejected, sum.Reports)
				}
			}
			if cpu > 0 {
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			}
		})
	}
}

// withComment returns a zip archive with a comment added to its end of
// central directory record: other bytes, the same content.
func withComment(tb testing.TB, zip []byte, comment string) []byte {
	const eocd = 22 // the record's length without a comment
	if len(zip) < eocd || !bytes.Equal(zip[len(zip)-eocd:len(zip)-eocd+4], []byte("PK\x05\x06")) {
		tb.Fatal("not a zip archive without a comment")
	}
	out := append([]byte(nil), zip...)
	binary.LittleEndian.PutUint16(out[len(out)-2:], uint16(len(comment)))
	return append(out, comment...)
}
