using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Testing;

/// <summary>
/// Counts the SQL commands each request to the app issues, so a test can hold a page to a handful of queries. The
/// interceptor joins the contexts' interceptors (the context takes every <see cref="IInterceptor"/> of its scope) and
/// charges each command to the request it ran in; commands outside any request (seeding, background work) are
/// not charged to a page.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private static readonly object Key = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Request>> _finished = new();
    private IHttpContextAccessor? _accessor;

    /// <summary>One request's commands: how many, and their text (for a message that says which query slipped in).</summary>
    public sealed record Request(string Url, IReadOnlyList<string> Commands)
    {
        public int Count => Commands.Count;
    }

    /// <summary>Adds the counter to an app's services and a middleware that closes each request's count.</summary>
    public void AddTo(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<IInterceptor>(sp =>
            {
                _accessor = sp.GetRequiredService<IHttpContextAccessor>();
                return this;
            });
            services.AddSingleton<IStartupFilter>(new CountingFilter(this));
        });
    }

    /// <summary>GETs <paramref name="url"/> and answers the commands the request issued once it has finished.</summary>
    public async Task<Request> GetAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var tag = Guid.NewGuid().ToString("N");
        var finished = _finished[tag] = new TaskCompletionSource<Request>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.Add(Header, tag);
        using var response = await client.SendAsync(message);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}");
        }
        await response.Content.ReadAsByteArrayAsync();
        var request = await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _finished.TryRemove(tag, out _);
        return request;
    }

    private const string Header = "X-Test-Query-Count";

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Charge(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Charge(command);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Charge(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Charge(command);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Charge(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Charge(command);
        return ValueTask.FromResult(result);
    }

    private void Charge(DbCommand command)
    {
        if (_accessor?.HttpContext?.Items[Key] is ConcurrentQueue<string> commands)
        {
            commands.Enqueue(command.CommandText);
        }
    }

    private sealed class CountingFilter(QueryCounter counter) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                var tag = context.Request.Headers[Header].ToString();
                if (tag.Length == 0)
                {
                    await following(context);
                    return;
                }
                var commands = new ConcurrentQueue<string>();
                context.Items[Key] = commands;
                try
                {
                    await following(context);
                }
                finally
                {
                    if (counter._finished.TryGetValue(tag, out var finished))
                    {
                        finished.TrySetResult(new Request(context.Request.Path + context.Request.QueryString, [.. commands]));
                    }
                }
            });
            next(app);
        };
    }
}

/// <summary>The real app with a <see cref="QueryCounter"/> charged with every SQL command its requests issue.</summary>
public sealed class CountingAppFactory(TestDatabase? database = null) : ObservatoryAppFactory(database)
{
    public QueryCounter Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Queries.AddTo(builder);
    }
}
