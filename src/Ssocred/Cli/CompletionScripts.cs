namespace Ssocred.Cli;

/// <summary>
/// The scripts <c>ssocred completion SHELL</c> prints. Each is a thin shim: on every Tab it asks
/// the same ssocred for candidates (<c>ssocred __complete WORD…</c>, see <see cref="Completion"/>),
/// so all four shells complete alike and the grammar lives in one place.
/// </summary>
internal static class CompletionScripts
{
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        "powershell" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "not a shell ssocred completes"),
    };

    private const string Bash = """
        # ssocred completion for bash: source <(ssocred completion bash)
        _ssocred() {
            local IFS=$'\n' cur=${COMP_WORDS[COMP_CWORD]}
            COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "$cur"))
        }
        complete -o default -F _ssocred ssocred

        """;

    private const string Zsh = """
        #compdef ssocred
        # ssocred completion for zsh: source <(ssocred completion zsh)  (after compinit)
        _ssocred() {
            local -a candidates
            candidates=(${(f)"$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null)"})
            if (( ${#candidates} )); then
                compadd -a candidates
            else
                _files
            fi
        }
        compdef _ssocred ssocred

        """;

    private const string Fish = """
        # ssocred completion for fish: ssocred completion fish > ~/.config/fish/completions/ssocred.fish
        function __ssocred_complete
            set -l words (commandline -opc) (commandline -ct)
            $words[1] __complete $words[2..-1] 2>/dev/null
        end
        complete -c ssocred -f -a '(__ssocred_complete)'

        """;

    private const string PowerShell = """
        # ssocred completion for PowerShell: ssocred completion powershell | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName ssocred -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $words = @($commandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $cursorPosition } | ForEach-Object { $_.ToString() })
            $rest = @($words | Select-Object -Skip 1)
            if ($wordToComplete -eq '') { $rest += '' }
            & $words[0] __complete @rest 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
