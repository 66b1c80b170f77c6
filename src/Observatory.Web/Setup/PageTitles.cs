namespace Observatory.Web.Setup;

public static class PageTitles
{
    public const string Service = "Connected Places Observatory";
}
