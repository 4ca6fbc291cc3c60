namespace Delegation;

/// <summary>
/// Every event ID the function app, <c>serve</c> and the tool log, in one list. The numbers are part of the contract
/// with operators: alert rules (infra/modules/checks.bicep) and queries in docs/deploy.md match on them, so a number is
/// never reused or changed; a new event takes a new number in its feature's block of ten.
/// </summary>
internal static class EventIds
{
    // Serving: answering a domain's well-known request (DelegationResolver, RequestedHost).
    public const int InvalidRow = 1;
    public const int StorageReadFailed = 2;
    public const int ServingStaleAnswer = 3;
    public const int ResolveFaulted = 4;
    public const int SecondaryAnswered = 5;
    public const int MissingOnSecondary = 6;
    public const int PrimaryAnswersAgain = 7;
    public const int PrimarySkipped = 8;
    public const int MissingHostHeader = 10;

    // Checks: one domain's check in a run (CheckRunner).
    public const int DomainFails = 20;
    public const int DomainWarns = 21;
    public const int DomainTimedOut = 22;
    public const int RecordFailed = 23;
    public const int DomainCheckBroke = 24;

    // Checks: the timer's run (ScheduledChecks).
    public const int ChecksStarting = 30;
    public const int ChecksFinished = 31;

    // Serving: the read of the table at start-up (StorageWarmUp).
    public const int StorageWarmUpFailed = 40;
}
