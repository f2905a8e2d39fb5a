package compiled

import (
	"errors"
	"fmt"
	"strings"
	"text/template/parse"
)

// Break and continue unwind to their range as errors.
var (
	errBreak    = errors.New("break")
	errContinue = errors.New("continue")
)

func (c *compiler) list(l *parse.ListNode) (stmt, error) {
	if l == nil {
		return func(*state, any) error { return nil }, nil
	}
	var stmts []stmt
	for _, n := range l.Nodes {
		st, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if st != nil {
			stmts = append(stmts, st)
		}
	}
	switch len(stmts) {
	case 0:
		return func(*state, any) error { return nil }, nil
	case 1:
		return stmts[0], nil
	}
	return func(s *state, dot any) error {
		for _, st := range stmts {
			if err := st(s, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) node(n parse.Node) (stmt, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ any) error {
			s.w.Write(text)
			return nil
		}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.BreakNode:
		return func(*state, any) error { return errBreak }, nil
	case *parse.ContinueNode:
		return func(*state, any) error { return errContinue }, nil
	case *parse.ListNode:
		return c.list(n)
	}
	return nil, unsupported(n)
}

func (c *compiler) action(n *parse.ActionNode) (stmt, error) {
	pipe, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	if len(n.Pipe.Decl) > 0 {
		return func(s *state, dot any) error {
			_, err := pipe(s, dot)
			return err
		}, nil
	}
	return func(s *state, dot any) error {
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		return s.print(v)
	}, nil
}

func (c *compiler) ifOrWith(p *parse.PipeNode, list, elseList *parse.ListNode, with bool) (stmt, error) {
	mark := len(c.vars)
	pipe, err := c.pipe(p)
	if err != nil {
		return nil, err
	}
	then, err := c.list(list)
	if err != nil {
		return nil, err
	}
	els, err := c.elseList(elseList, mark+len(p.Decl)*boolInt(!p.IsAssign), mark)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot any) error {
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		t, ok := truth(v)
		if !ok {
			return ErrUnsupported
		}
		switch {
		case t && with:
			return then(s, v)
		case t:
			return then(s, dot)
		case els != nil:
			return els(s, dot)
		}
		return nil
	}, nil
}

// elseList compiles the else branch of an if, with or range. It sees the
// first from variables in scope (those its pipeline declared among them)
// but none that the branch before it declared; after it, the first mark
// remain.
func (c *compiler) elseList(l *parse.ListNode, from, mark int) (stmt, error) {
	c.vars = c.vars[:from]
	defer func() { c.vars = c.vars[:mark] }()
	if l == nil {
		return nil, nil
	}
	return c.list(l)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *compiler) rangeNode(n *parse.RangeNode) (stmt, error) {
	mark := len(c.vars)
	pipe, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	// The slots that take the index and the element.
	index, elem := -1, -1
	if d := n.Pipe.Decl; len(d) > 0 {
		var slots []int
		for _, v := range d {
			i, err := c.slot(v.Ident[0])
			if err != nil {
				return nil, err
			}
			slots = append(slots, i)
		}
		if len(d) == 1 {
			elem = slots[0]
		} else {
			index, elem = slots[0], slots[1]
		}
	}
	inner := len(c.vars)
	body, err := c.list(n.List)
	if err != nil {
		return nil, err
	}
	els, err := c.elseList(n.ElseList, inner, mark)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot any) error {
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		one := func(i, e any) error {
			if index >= 0 {
				s.vars[s.base+index] = i
			}
			if elem >= 0 {
				s.vars[s.base+elem] = e
			}
			err := body(s, e)
			if err == errContinue {
				return nil
			}
			return err
		}
		ran, err := iterate(v, index >= 0, one)
		if err == errBreak {
			return nil
		}
		if err != nil || ran || els == nil {
			return err
		}
		return els(s, dot)
	}, nil
}

func (c *compiler) templateNode(n *parse.TemplateNode) (stmt, error) {
	t := c.lookup(n.Name)
	if t == nil || t.Tree == nil {
		// text/template reports it when the node runs, if it does.
		return func(*state, any) error { return ErrUnsupported }, nil
	}
	callee, err := c.proc(n.Name, t.Tree)
	if err != nil {
		return nil, err
	}
	var pipe expr
	if n.Pipe != nil {
		if pipe, err = c.pipe(n.Pipe); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot any) error {
		if pipe != nil {
			v, err := pipe(s, dot)
			if err != nil {
				return err
			}
			dot = v
		} else {
			dot = nil
		}
		return s.call(callee, dot)
	}, nil
}

// pipe compiles a pipeline: each command's value is the next one's last
// argument; the declared variables are pushed after it is compiled, so
// the pipeline itself sees the outer ones.
func (c *compiler) pipe(p *parse.PipeNode) (expr, error) {
	if p == nil {
		return func(*state, any) (any, error) { return nil, nil }, nil
	}
	var cmds []command
	for _, cmd := range p.Cmds {
		cc, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		cmds = append(cmds, cc)
	}
	var slots []int
	for _, v := range p.Decl {
		if p.IsAssign {
			i, err := c.slot(v.Ident[0])
			if err != nil {
				return nil, err
			}
			slots = append(slots, i)
		} else {
			slots = append(slots, c.push(v.Ident[0]))
		}
	}
	if len(cmds) == 1 && len(slots) == 0 {
		first := cmds[0]
		return func(s *state, dot any) (any, error) { return first(s, dot, nil, false) }, nil
	}
	return func(s *state, dot any) (any, error) {
		var v any
		for i, cmd := range cmds {
			var err error
			if v, err = cmd(s, dot, v, i > 0); err != nil {
				return nil, err
			}
		}
		for _, i := range slots {
			s.vars[s.base+i] = v
		}
		return v, nil
	}, nil
}

// command evaluates one command of a pipeline, given the previous one's
// value as final when hasFinal.
type command func(s *state, dot, final any, hasFinal bool) (any, error)

func (c *compiler) command(cmd *parse.CommandNode) (command, error) {
	args := cmd.Args[1:]
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(func(_ *state, dot any) (any, error) { return dot, nil }, n.Ident, args)
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return nil, unsupported(n)
		}
		recv, err := c.arg(n.Node)
		if err != nil {
			return nil, err
		}
		return c.fieldChain(recv.eval, n.Field, args)
	case *parse.VariableNode:
		i, err := c.slot(n.Ident[0])
		if err != nil {
			return nil, err
		}
		get := func(s *state, _ any) (any, error) { return s.vars[s.base+i], nil }
		if len(n.Ident) > 1 {
			return c.fieldChain(get, n.Ident[1:], args)
		}
		return notAFunction(get, args)
	case *parse.IdentifierNode:
		return c.function(n.Ident, args)
	case *parse.PipeNode:
		pipe, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		return notAFunction(pipe, args)
	case *parse.BoolNode, *parse.DotNode, *parse.NumberNode, *parse.StringNode:
		a, err := c.arg(n)
		if err != nil {
			return nil, err
		}
		return notAFunction(a.eval, args)
	}
	return nil, unsupported(cmd.Args[0])
}

// notAFunction is a command that takes no arguments.
func notAFunction(get expr, args []parse.Node) (command, error) {
	if len(args) > 0 {
		return nil, fmt.Errorf("arguments to a non-function")
	}
	return func(s *state, dot, _ any, hasFinal bool) (any, error) {
		if hasFinal {
			return nil, ErrUnsupported
		}
		return get(s, dot)
	}, nil
}

// arg is a compiled argument. A constant keeps its node: text/template
// gives it the type of the parameter it is passed to.
type arg struct {
	eval  expr
	konst parse.Node // *BoolNode, *NumberNode, *StringNode or *NilNode
	value any        // the constant's value where the parameter is any
	isNil bool
}

func (c *compiler) arg(n parse.Node) (arg, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return arg{eval: func(_ *state, dot any) (any, error) { return dot, nil }}, nil
	case *parse.NilNode:
		return arg{konst: n, isNil: true, eval: func(*state, any) (any, error) { return nil, ErrUnsupported }}, nil
	case *parse.BoolNode:
		v := n.True
		return constant(n, v), nil
	case *parse.StringNode:
		v := n.Text
		return constant(n, v), nil
	case *parse.NumberNode:
		v, err := idealConstant(n)
		if err != nil {
			return arg{}, err
		}
		return constant(n, v), nil
	case *parse.FieldNode, *parse.ChainNode, *parse.VariableNode, *parse.IdentifierNode, *parse.PipeNode:
		cmd, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		if err != nil {
			return arg{}, err
		}
		return arg{eval: func(s *state, dot any) (any, error) { return cmd(s, dot, nil, false) }}, nil
	}
	return arg{}, unsupported(n)
}

func constant(n parse.Node, v any) arg {
	return arg{konst: n, value: v, eval: func(*state, any) (any, error) { return v, nil }}
}

// idealConstant is the value text/template gives a number where the
// parameter does not say its type.
func idealConstant(n *parse.NumberNode) (any, error) {
	switch {
	case n.IsComplex:
		return n.Complex128, nil
	case n.IsFloat && !isHexInt(n.Text) && !(len(n.Text) > 0 && n.Text[0] == '\'') && strings.ContainsAny(n.Text, ".eEpP"):
		return n.Float64, nil
	case n.IsInt:
		i := int(n.Int64)
		if int64(i) != n.Int64 {
			return nil, fmt.Errorf("%s overflows int", n.Text)
		}
		return i, nil
	}
	return nil, fmt.Errorf("%s overflows int", n.Text)
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}
