package intake

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"perinet/store"
)

// Take adds files to the store in the order of their Arrival (then of
// their names), as the nightly run adds the files of its inbox, so that
// the store's rules decide which submission stands: for each group and
// year the latest accepted one, the same bytes again a duplicate. A file
// that could not be read at all (no SHA256) never arrived, and is not
// added. Take adds to a store of its own making (see Open), never the
// nightly run's.
func Take(ctx context.Context, st *store.Store, files []File) error {
	order := slices.Clone(files)
	slices.SortStableFunc(order, func(a, b File) int {
		ta, _ := a.Arrival()
		tb, _ := b.Arrival()
		return cmp.Or(ta.Compare(tb), strings.Compare(filepath.Base(a.Path), filepath.Base(b.Path)), strings.Compare(a.Path, b.Path))
	})
	for _, f := range order {
		if f.SHA256 == "" {
			continue
		}
		arrived, _ := f.Arrival()
		_, err := st.Add(ctx, store.NewFile{SHA256: f.SHA256, Name: f.Path, Size: f.Size, Arrived: arrived}, f.Records, f.Problems)
		if err != nil {
			return err
		}
	}
	return nil
}

// OpenTemp opens a new, empty store in a temporary folder of its own,
// for the files of one command; close removes the folder with it.
func OpenTemp(ctx context.Context) (st *store.Store, close func() error, err error) {
	dir, err := os.MkdirTemp("", "perinet-intake-")
	if err != nil {
		return nil, nil, fmt.Errorf("temporary store: %w", err)
	}
	st, err = store.Open(ctx, filepath.Join(dir, "perinet.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() error {
		err := st.Close()
		if rerr := os.RemoveAll(dir); err == nil {
			err = rerr
		}
		return err
	}, nil
}
