// The shell scripts printed by `calicoctl completion bash|zsh|fish`. They are thin: each asks the CLI
// itself (`<prog> completion complete -- WORDS...`) and shows what it answers, so completion follows the
// installed version and can fetch resource names. The answer is cobra's format (see engine.ts).

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** A shell identifier derived from the program name (`kubectl-calico` -> `kubectl_calico`). */
function ident(program: string): string {
  return program.replace(/[^A-Za-z0-9_]/g, '_');
}

export function bashScript(program: string): string {
  const fn = `__${ident(program)}_complete`;
  return `# bash completion for ${program}
# Load it in this shell:   source <(${program} completion bash)
# Load it in every shell:  ${program} completion bash > /etc/bash_completion.d/${program}

${fn}() {
    local raw_cur=\${COMP_WORDS[COMP_CWORD]}
    # bash splits words at '=' and ':' (COMP_WORDBREAKS); join them back so the CLI sees the real words.
    local -a words=()
    local i w joined=0
    for ((i = 0; i <= COMP_CWORD; i++)); do
        w=\${COMP_WORDS[i]}
        if ((\${#words[@]} > 0)) && { [[ $w == "=" || $w == ":" ]] || ((joined)); }; then
            words[\${#words[@]}-1]+=$w
            [[ $w == "=" || $w == ":" ]] && joined=1 || joined=0
        else
            words+=("$w")
            joined=0
        fi
    done
    local cur=\${words[\${#words[@]}-1]}
    local prog=\${words[0]}
    [[ $prog == "~/"* ]] && prog=$HOME/\${prog#"~/"}

    local out
    out=$("$prog" completion complete -- "\${words[@]:1}" 2>/dev/null) || return 0
    local directive=\${out##*:}
    [[ $directive =~ ^[0-9]+$ ]] || return 0
    out=\${out%:*}
    (( directive & 1 )) && return 0

    # Only the part after the last '=' or ':' of the word is replaced, so drop what comes before it.
    local strip=""
    if [[ $cur != "$raw_cur" && $cur == *"$raw_cur" ]]; then
        strip=\${cur%"$raw_cur"}
    fi
    COMPREPLY=()
    local line
    while IFS= read -r line; do
        [[ -z $line ]] && continue
        line=\${line%%$'\\t'*}
        COMPREPLY+=("\${line#"$strip"}")
    done <<< "$out"

    if (( directive & 2 )); then
        compopt -o nospace 2>/dev/null
    fi
    if ((\${#COMPREPLY[@]} == 0)); then
        if (( directive & 16 )); then
            compopt -o dirnames 2>/dev/null
            COMPREPLY=($(compgen -d -- "$raw_cur"))
        elif (( directive & 4 )); then
            compopt +o default 2>/dev/null
        else
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$raw_cur"))
        fi
    fi
    return 0
}

complete -o default -F ${fn} ${program}
`;
}

export function zshScript(program: string): string {
  const fn = `_${ident(program)}`;
  return `#compdef ${program}
# zsh completion for ${program}
# Load it in this shell:   source <(${program} completion zsh)
# Load it in every shell:  ${program} completion zsh > "\${fpath[1]}/_${program}"   (then restart zsh)

${fn}() {
    local -a args lines comps
    args=("\${(@)words[2,CURRENT]}")
    local out
    out=$("\${words[1]}" completion complete -- "\${(@)args}" 2>/dev/null) || return 1
    lines=("\${(@f)out}")
    local directive=\${lines[-1]#:}
    [[ $directive == <-> ]] || return 1
    lines=("\${(@)lines[1,-2]}")
    (( directive & 1 )) && return 1

    local line value desc
    for line in "\${lines[@]}"; do
        [[ -z $line ]] && continue
        value=\${line%%$'\\t'*}
        desc=""
        [[ $line == *$'\\t'* ]] && desc=\${line#*$'\\t'}
        # _describe splits value and description at the first unescaped ':'.
        value=\${value//:/\\\\:}
        if [[ -n $desc ]]; then comps+=("$value:$desc"); else comps+=("$value"); fi
    done

    if (( \${#comps} > 0 )); then
        if (( directive & 2 )); then
            _describe -t values '${program}' comps -S ''
        else
            _describe -t values '${program}' comps
        fi
        return
    fi
    if (( directive & 16 )); then
        _files -/
    elif (( ! (directive & 4) )); then
        _files
    fi
}

if [[ $funcstack[1] == ${fn} ]]; then
    ${fn} "$@"
else
    compdef ${fn} ${program}
fi
`;
}

export function fishScript(program: string): string {
  const fn = `__${ident(program)}_complete`;
  return `# fish completion for ${program}
# Load it in this shell:   ${program} completion fish | source
# Load it in every shell:  ${program} completion fish > ~/.config/fish/completions/${program}.fish

function ${fn}
    set -l tokens (commandline -opc)
    set -l prog $tokens[1]
    set -e tokens[1]
    set -l cur (commandline -ct)
    set -l out ($prog completion complete -- $tokens $cur 2>/dev/null)
    or return
    set -l directive (string replace -r '^:' '' -- $out[-1])
    string match -qr '^[0-9]+$' -- $directive
    or return
    set -e out[-1]
    test (math "bitand($directive, 1)") -ne 0
    and return
    if test (count $out) -gt 0
        printf '%s\\n' $out
    else if test (math "bitand($directive, 16)") -ne 0
        __fish_complete_directories $cur
    else if test (math "bitand($directive, 4)") -eq 0
        __fish_complete_path $cur
    end
end

complete -c ${program} -f -a '(${fn})'
`;
}

export function completionScript(shell: Shell, program: string): string {
  switch (shell) {
    case 'bash':
      return bashScript(program);
    case 'zsh':
      return zshScript(program);
    case 'fish':
      return fishScript(program);
  }
}
