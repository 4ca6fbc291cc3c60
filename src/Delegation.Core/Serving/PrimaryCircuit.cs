namespace Delegation.Serving;

/// <summary>
/// The process's memory that the primary endpoint failed, used only when a secondary endpoint can answer instead. After
/// a primary failure, reads go straight to the secondary for a short window, so the requests that follow (and the
/// ones arriving at the same time) do not each wait out the storage timeout first. When the window has passed, one read
/// tries the primary again while the others still skip it: if the primary answers, every read goes there again; if it
/// fails, a new window starts.
/// </summary>
/// <remarks>
/// The primary is skipped only while the secondary answers: when a read of the secondary fails too, every read asks
/// the primary first again, as without a secondary, so the first request after the primary is back gets its answer.
/// The window is drawn between <see cref="Window"/> and twice that, so the instances of an app that saw the primary
/// fail at the same moment do not all try it again at the same moment.
/// </remarks>
internal sealed class PrimaryCircuit(TimeProvider time, Random random)
{
    /// <summary>The shortest time the primary is skipped after it failed; the longest is twice this.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    // The primary answers (or was never asked).
    private const long Closed = long.MinValue;

    // The primary failed, and so did the secondary since: every read asks the primary first.
    private const long Asking = long.MinValue + 1;

    // Closed, Asking, or the timestamp (TimeProvider.GetTimestamp) from which one read may try the primary again.
    private long _state = Closed;

    /// <summary>
    /// True when this read should skip the primary; false when it should ask it (the circuit is closed, or the window
    /// has passed and this read is the one that tries it).
    /// </summary>
    public bool SkipPrimary()
    {
        var retryAt = Interlocked.Read(ref _state);
        if (retryAt is Closed or Asking)
        {
            return false;
        }

        var now = time.GetTimestamp();
        return now < retryAt || Interlocked.CompareExchange(ref _state, After(now, DrawWindow()), retryAt) != retryAt;
    }

    /// <summary>A read of the primary failed: skip it for a new window. Answers how long, and whether it answered until now.</summary>
    public bool Open(out TimeSpan window)
    {
        window = DrawWindow();
        return Interlocked.Exchange(ref _state, After(time.GetTimestamp(), window)) == Closed;
    }

    /// <summary>A read of the secondary failed: skipping the primary no longer helps, so the next read asks it.</summary>
    public void SecondaryFailed()
    {
        var state = Interlocked.Read(ref _state);
        while (state is not (Closed or Asking))
        {
            var seen = Interlocked.CompareExchange(ref _state, Asking, state);
            if (seen == state)
            {
                return;
            }

            state = seen;
        }
    }

    /// <summary>The primary answered: every read asks it again. True when it had failed.</summary>
    public bool Close() => Interlocked.Read(ref _state) != Closed && Interlocked.Exchange(ref _state, Closed) != Closed;

    private TimeSpan DrawWindow() => Window * (1 + random.NextDouble());

    private long After(long now, TimeSpan window) => now + (long)(window.TotalSeconds * time.TimestampFrequency);
}
