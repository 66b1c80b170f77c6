using Observatory.Storage;

namespace Observatory.Core.Tests.Storage;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void Without_a_setting_the_embedded_default_is_a_sqlite_file_in_the_user_data_folder()
    {
        var settings = DatabaseSettings.Resolve(null);

        settings.Provider.ShouldBe(DatabaseProvider.Sqlite);
        settings.IsEmbeddedDefault.ShouldBeTrue();
        settings.SqlitePath.ShouldNotBeNull().ShouldEndWith(Path.Combine("observatory", "observatory.db"));
        settings.Description.ShouldContain(settings.SqlitePath!);
    }

    [Theory]
    [InlineData("Host=db.example;Database=observatory;Username=app;Password=secret", "db.example", "observatory")]
    [InlineData("postgresql://app:secret@db.example:5433/obs", "db.example", "obs")]
    public void A_connection_string_selects_postgresql_and_the_description_hides_the_password(string value, string host, string database)
    {
        var settings = DatabaseSettings.Resolve(value);

        settings.Provider.ShouldBe(DatabaseProvider.PostgreSql);
        settings.Description.ShouldContain(host);
        settings.Description.ShouldContain(database);
        settings.Description.ShouldNotContain("secret");
    }

    [Fact]
    public void A_path_selects_that_sqlite_file()
    {
        var settings = DatabaseSettings.Resolve("relative/observatory.db");

        settings.Provider.ShouldBe(DatabaseProvider.Sqlite);
        settings.IsEmbeddedDefault.ShouldBeFalse();
        settings.SqlitePath.ShouldBe(Path.GetFullPath("relative/observatory.db"));
    }
}
