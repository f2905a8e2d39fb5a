package generator

import (
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"binome/generator/internal/fileid"
	"binome/generator/internal/wire"
	"binome/generator/output"
	"binome/generator/source"
)

// The site's static/ folder may hold far more bytes than its text: the
// photos of thousands of profiles, PDFs, videos. Its files are therefore
// known by their size and time, as content files are, and read only to
// be written:
//
//   - Pages show a static file's URL, not its bytes, but for styles and
//     scripts, whose URL carries their hash (output.Fingerprint). The
//     build key holds the static files' paths and those URLs: a photo
//     replaced renders no page again, while a stylesheet edited renders
//     them all.
//   - The build cache keeps each file's size and time (StaticStats) and
//     the hash of its bytes (ExtraSums). A build that finds both the same
//     keeps the file of the previous output without opening the source;
//     one that finds nothing else changed is up to date without reading
//     static/ at all.
//   - Bodies are read when written, one file at a time, so a build's
//     memory does not grow with the folder.
//
// A file saved within racyWindow of the last build's start may have kept
// its size and time through an edit: its bytes are read and hashed again,
// as Git does with its index.

// siteStaticDir is the site's folder of files published as they are.
const siteStaticDir = "static"

// racyWindow is how long before a build's start a file's time must be
// for its size and time alone to vouch for its bytes: file systems keep
// times to a tick of their clock (up to 2 s on FAT), so a file saved in
// the same tick as it was read may keep both.
const racyWindow = 2 * time.Second

// fileStat is what the build cache keeps of a static file to know it
// again without reading it: its stamp (see package fileid).
type fileStat = fileid.Stamp

// fileStats maps static files' output paths to their fileStat.
type fileStats map[string]fileStat

// scanStatic lists the site's static files with their size and time,
// reading only the styles and scripts, whose output path is made from
// their bytes. It hashes into h what pages may show of them: their
// output paths.
func (s *Site) scanStatic(h hash.Hash) error {
	s.siteStatic = nil
	err := fs.WalkDir(s.fsys, siteStaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == siteStaticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return source.Errorf(source.Pos{Path: p}, "cannot read: %v", err)
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		fi, err := d.Info()
		if err == nil && !d.Type().IsRegular() {
			// A link: the size and time that vouch for the bytes are
			// those of the file it leads to.
			fi, err = fs.Stat(s.fsys, p)
		}
		if err != nil {
			return source.Errorf(source.Pos{Path: p}, "cannot read: %v", err)
		}
		rel := strings.TrimPrefix(p, siteStaticDir+"/")
		f := staticFile{out: rel, src: p, stat: fileid.Of(fi)}
		if ext := path.Ext(rel); ext == ".css" || ext == ".js" {
			body, err := fs.ReadFile(s.fsys, p)
			if err != nil {
				return source.Errorf(source.Pos{Path: p}, "cannot read: %v", err)
			}
			f.body, f.out = body, output.Fingerprint(rel, body)
		}
		fmt.Fprintf(h, "static %s %s|", p, f.out)
		s.siteStatic = append(s.siteStatic, f)
		return nil
	})
	return err
}

// staticSum returns the hash of a static file's bytes as the previous
// build recorded it, when the file's size and time vouch that they are
// the same.
func (s *Site) staticSum(f staticFile) (uint64, bool) {
	prev := s.prev
	if prev == nil || f.body != nil {
		return 0, false
	}
	st, ok := prev.StaticStats[f.out]
	if !ok || st != f.stat || !vouches(f.stat, prev.StartedAt) {
		return 0, false
	}
	h, ok := prev.ExtraSums[f.out]
	return h, ok
}

// vouches reports whether a file's size and time, unchanged since a
// build that started at started (Unix ns), vouch for its bytes.
func vouches(st fileStat, started int64) bool {
	return st.MTime <= started-int64(racyWindow)
}

// staticUnchanged reports whether every static file of the site has the
// size and time the previous build recorded, old enough to vouch for its
// bytes: with the build key (which holds their paths) the same, the
// output holds them already.
func staticUnchanged(prev *buildCache, files []staticFile) bool {
	for _, f := range files {
		if f.body != nil {
			continue // in the build key, bytes and all
		}
		if st, ok := prev.StaticStats[f.out]; !ok || st != f.stat || !vouches(f.stat, prev.StartedAt) {
			return false
		}
	}
	return true
}

// writeStatic writes or keeps a static file of the site that is not in
// memory: kept from the previous output when its size and time vouch for
// the bytes it was made from, else written by writeSourceFile.
func (s *Site) writeStatic(f staticFile, write func(string, []byte) error, copyFile func(string, io.Reader) error) error {
	if s.next != nil {
		s.mu.Lock()
		s.next.StaticStats[f.out] = f.stat
		s.mu.Unlock()
	}
	if h, ok := s.staticSum(f); ok && s.keepSum(f.out, h, extraSums) {
		return nil
	}
	return s.writeSourceFile(f.out, f.src, write, copyFile)
}

// writeSourceFile writes the output file out with the bytes of the site's
// file src: copied through copyFile (nil when the output cannot take a
// stream) when it is published as it is, so that a video is never held
// whole; else read and handled as any other file.
func (s *Site) writeSourceFile(out, src string, write func(string, []byte) error, copyFile func(string, io.Reader) error) error {
	if copyFile != nil && !(s.Config.Minify && output.Minifies(out)) {
		r, err := s.fsys.Open(src)
		if err != nil {
			return readError(src, err)
		}
		defer r.Close()
		h := wire.NewHasher()
		if err := copyFile(out, io.TeeReader(r, h)); err != nil {
			return err
		}
		if s.next != nil {
			s.mu.Lock()
			s.next.ExtraSums[out] = h.Sum()
			s.mu.Unlock()
		}
		return nil
	}
	body, err := fs.ReadFile(s.fsys, src)
	if err != nil {
		return readError(src, err)
	}
	return s.writeExtra(out, body, write)
}

// readError says that the site's file src, listed when the build began,
// could not be read to be written.
func readError(src string, err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		err = pe.Err // the path is the error's own
	}
	return source.Errorf(source.Pos{Path: src}, "cannot read: %v", err).
		WithHint("check that the user running binome may read it, and that nothing moved or deleted it while the build ran; the output was left as it was")
}
