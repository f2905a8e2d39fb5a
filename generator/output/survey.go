package output

// Survey is which files of an output are still as the build cache says
// a build left them: regular files of the recorded sizes. A warm build
// starts one before it resolves its pages, which is work for one core,
// and stages the update from it; Keep then reads its answer instead of
// taking each file's status on the build's critical path (16,700 files
// at 10,000 pages, 50 to 70 ms of system time). A change to the output
// after the survey is not seen, as a change after Keep's own check was
// not: the build owns its output while it holds the Lock.
type Survey struct {
	dest string
	have map[string]int64
	done chan struct{}
	// changed holds the paths of have that are gone, of another size or
	// not regular files, once done is closed; ok says whether the survey
	// could look at all (dest resolved).
	changed map[string]bool
	ok      bool
}

// StartSurvey surveys, in the background, the files have lists in dest
// with their sizes (slash-separated paths). Nothing may change have
// until the survey is done.
func StartSurvey(dest string, have map[string]int64) *Survey {
	s := &Survey{dest: dest, have: have, done: make(chan struct{}), changed: map[string]bool{}}
	go func() {
		defer close(s.done)
		d, err := destPath(dest)
		if err != nil {
			return
		}
		s.ok = surveyFiles(d, have, s.changed) == nil
	}()
	return s
}

// Stage is [StageUpdate] of the surveyed output, whose Keep takes the
// survey's answers.
func (s *Survey) Stage() (*Update, error) {
	u, err := StageUpdate(s.dest, s.have)
	if err != nil {
		return nil, err
	}
	u.survey = s
	return u, nil
}

// unchanged reports whether the survey found p as have says, and
// whether it can tell: it waits for the survey to end.
func (s *Survey) unchanged(p string) (same, known bool) {
	<-s.done
	if !s.ok {
		return false, false
	}
	return !s.changed[p], true
}
