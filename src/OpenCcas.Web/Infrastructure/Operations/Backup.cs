using Microsoft.Data.Sqlite;

namespace OpenCcas.Web.Infrastructure.Operations;

/// <summary>SQLite's online backup API: a consistent copy while the application keeps running.</summary>
public static class Backup
{
    public static async Task SqliteAsync(string connectionString, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target)) File.Delete(target);
        await using var source = new SqliteConnection(connectionString);
        await source.OpenAsync();
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await destination.OpenAsync();
        source.BackupDatabase(destination);
    }

    public static async Task RestoreSqliteAsync(string backupFile, string connectionString)
    {
        if (!File.Exists(backupFile)) throw new ArgumentException($"Fichier introuvable : {backupFile}");
        await using (var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await check.OpenAsync();
            await using var cmd = check.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            if ((string?)await cmd.ExecuteScalarAsync() != "ok") throw new ArgumentException("La sauvegarde est endommagée (integrity_check).");
        }
        SqliteConnection.ClearAllPools();
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync();
        await using var destination = new SqliteConnection(connectionString);
        await destination.OpenAsync();
        source.BackupDatabase(destination);
        SqliteConnection.ClearAllPools();
    }
}
