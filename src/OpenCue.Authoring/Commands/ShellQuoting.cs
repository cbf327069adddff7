using System;
using System.Collections.Generic;
using System.Text;

namespace OpenCue.Authoring;

/// <summary>
/// Joins an argument list into one POSIX shell command line, the form the spec's <c>&lt;cmd&gt;</c>
/// needs: RQD runs that text with <c>/bin/sh</c>. Every argument reaches the process unchanged.
/// This is the one place the project quotes commands.
/// </summary>
/// <remarks>
/// PyOutline joins with bare spaces, so <c>["-c", "import bpy; x()"]</c> becomes three shell words
/// and a command separator. Here an argument made only of characters the shell never interprets
/// is written as is (so plain commands come out exactly as PyOutline's), and anything else is
/// wrapped in single quotes. Cuebot's dispatch tokens (<c>#IFRAME#</c>, <c>#FRAMESPEC#</c>, ...) are
/// replaced textually before the shell reads the command, so they work inside quotes too, and an
/// argument that starts with one is not mistaken for a shell comment.
/// </remarks>
public static class ShellQuoting
{
    /// <summary>Joins arguments with single spaces, quoting each one that needs it.</summary>
    /// <param name="arguments">The argument vector, program first.</param>
    /// <returns>The command line.</returns>
    public static string Join(IEnumerable<string> arguments)
    {
        if (arguments is null)
        {
            throw new ArgumentNullException(nameof(arguments));
        }

        var builder = new StringBuilder();
        var first = true;
        foreach (var argument in arguments)
        {
            if (argument is null)
            {
                throw new ArgumentException("A command argument is null.", nameof(arguments));
            }

            if (!first)
            {
                builder.Append(' ');
            }

            // A first word such as NAME=value would be read as a variable assignment.
            if (first && argument.IndexOf('=') >= 0)
            {
                AppendSingleQuoted(builder, argument);
            }
            else
            {
                AppendQuoted(builder, argument);
            }

            first = false;
        }

        return builder.ToString();
    }

    /// <summary>Quotes one argument for a POSIX shell, or returns it unchanged when it is safe as is.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns>The shell word.</returns>
    public static string Quote(string argument)
    {
        if (argument is null)
        {
            throw new ArgumentNullException(nameof(argument));
        }

        var builder = new StringBuilder(argument.Length + 2);
        AppendQuoted(builder, argument);
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="argument"/> can be written without quotes.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns><see langword="true"/> when the shell would read it back unchanged.</returns>
    public static bool IsSafeUnquoted(string argument)
    {
        if (string.IsNullOrEmpty(argument))
        {
            return false;
        }

        foreach (var c in argument)
        {
            if (!IsSafeChar(c))
            {
                return false;
            }
        }

        // '#' starts a comment only at the beginning of a word; a leading dispatch token is
        // replaced by Cuebot before the shell sees it.
        return argument[0] != '#' || StartsWithToken(argument);
    }

    private static void AppendQuoted(StringBuilder builder, string argument)
    {
        if (IsSafeUnquoted(argument))
        {
            builder.Append(argument);
            return;
        }

        AppendSingleQuoted(builder, argument);
    }

    private static void AppendSingleQuoted(StringBuilder builder, string argument)
    {
        builder.Append('\'');
        foreach (var c in argument)
        {
            if (c == '\'')
            {
                builder.Append("'\"'\"'");
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('\'');
    }

    private static bool IsSafeChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '_' || c == '@' || c == '%' || c == '+' || c == '=' || c == ':' || c == ',' ||
        c == '.' || c == '/' || c == '-' || c == '#';

    private static bool StartsWithToken(string argument)
    {
        foreach (var token in DispatchTokens.All)
        {
            if (argument.StartsWith(token, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
