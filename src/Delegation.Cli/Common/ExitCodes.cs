namespace Delegation.Cli.Common;

/// <summary>Exit statuses scripts can rely on; documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Success = 0;

    /// <summary>Invalid input or invalid rows: nothing was written (or, with --skip-invalid, only valid rows were).</summary>
    public const int Invalid = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>Table storage could not be reached or refused the request.</summary>
    public const int Storage = 3;

    /// <summary>The domain has no row.</summary>
    public const int NotFound = 4;

    /// <summary>Someone else changed the row between our read and our write; nothing was written.</summary>
    public const int Conflict = 5;

    /// <summary>Stopped by Ctrl+C (SIGINT) before it finished; the last line says what was done.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM before it finished; the last line says what was done.</summary>
    public const int Terminated = 143;
}
