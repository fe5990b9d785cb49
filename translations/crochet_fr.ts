<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CliApplication</name>
    <message>
        <source>Language of the output: fr or en (default: the system&apos;s).</source>
        <translation>Langue des messages&#xa0;: fr ou en (par défaut&#xa0;: celle du système).</translation>
    </message>
    <message>
        <source>language</source>
        <translation>langue</translation>
    </message>
    <message>
        <source>Show this help, or a command&apos;s help after it.</source>
        <translation>Afficher cette aide ou, placée après une commande, l’aide de cette commande.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Afficher la version.</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;: use fr or en.</source>
        <translation>Langue «&#xa0;%1&#xa0;» inconnue&#xa0;: utilisez fr ou en.</translation>
    </message>
    <message>
        <source>The database path must not be empty.</source>
        <translation>Le chemin de la base de données ne doit pas être vide.</translation>
    </message>
    <message>
        <source>Missing command.</source>
        <translation>Commande manquante.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Commande «&#xa0;%1&#xa0;» inconnue.</translation>
    </message>
    <message>
        <source>Manage Crochet&apos;s accounts and webhook notifications from the command line or scripts.</source>
        <translation>Gérer les comptes de Crochet et les notifications du webhook depuis la ligne de commande ou des scripts.</translation>
    </message>
    <message>
        <source>Global options:</source>
        <translation>Options générales&#xa0;:</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Commandes&#xa0;:</translation>
    </message>
    <message>
        <source>Run &quot;%1 &lt;command&gt; &lt;action&gt; --help&quot; for an action&apos;s options. Exit status: 0 on success, 1 when the action failed, 2 for a usage error.</source>
        <translation>Lancez «&#xa0;%1 &lt;commande&gt; &lt;action&gt; --help&#xa0;» pour connaître les options d’une action. Code de retour&#xa0;: 0 en cas de succès, 1 si l’action a échoué, 2 en cas de mauvaise utilisation.</translation>
    </message>
    <message>
        <source>%1 [global options] &lt;command&gt; &lt;action&gt; [options] [arguments]</source>
        <translation>%1 [options générales] &lt;commande&gt; &lt;action&gt; [options] [arguments]</translation>
    </message>
    <message>
        <source>Run &quot;%1 --help&quot; for help.</source>
        <translation>Lancez «&#xa0;%1 --help&#xa0;» pour obtenir de l’aide.</translation>
    </message>
    <message>
        <source>Argument %1 on the command line is not valid UTF-8; nothing was done. Check that the terminal or the script passes UTF-8 text.</source>
        <translation>L’argument %1 de la ligne de commande n’est pas de l’UTF-8 valide&#x202f;; rien n’a été fait. Vérifiez que le terminal ou le script transmet du texte en UTF-8.</translation>
    </message>
    <message>
        <source>The database: a file, or a PostgreSQL URL postgresql://user@host:5432/database (default: $DATABASE_URL when set, else %1).</source>
        <translation>La base de données&#xa0;: un fichier, ou une URL PostgreSQL postgresql://utilisateur@hôte:5432/base (par défaut&#xa0;: $DATABASE_URL si elle est définie, sinon %1).</translation>
    </message>
    <message>
        <source>path or URL</source>
        <translation>chemin ou URL</translation>
    </message>
</context>
<context>
    <name>CliCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Missing action after &quot;%1&quot;.</source>
        <translation>Action manquante après «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Unknown action &quot;%1&quot; for &quot;%2&quot;.</source>
        <translation>Action «&#xa0;%1&#xa0;» inconnue pour «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Missing argument %1.</source>
        <translation>Argument %1 manquant.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>Argument «&#xa0;%1&#xa0;» inattendu.</translation>
    </message>
    <message>
        <source>[options]</source>
        <translation>[options]</translation>
    </message>
    <message>
        <source>%1 [global options] %2 &lt;action&gt; [options]</source>
        <translation>%1 [options générales] %2 &lt;action&gt; [options]</translation>
    </message>
    <message>
        <source>Actions:</source>
        <translation>Actions&#xa0;:</translation>
    </message>
    <message>
        <source>Run &quot;%1 %2 &lt;action&gt; --help&quot; for the options of an action.</source>
        <translation>Lancez «&#xa0;%1 %2 &lt;action&gt; --help&#xa0;» pour connaître les options d’une action.</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Arguments&#xa0;:</translation>
    </message>
    <message>
        <source>Run &quot;%1&quot; for help.</source>
        <translation>Lancez «&#xa0;%1&#xa0;» pour obtenir de l’aide.</translation>
    </message>
    <message>
        <source>Run &quot;%1 %2 --help&quot; for help.</source>
        <translation>Lancez «&#xa0;%1 %2 --help&#xa0;» pour obtenir de l’aide.</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>Cannot read standard input: %1</source>
        <translation>Impossible de lire l’entrée standard&#xa0;: %1</translation>
    </message>
    <message>
        <source>Standard input is empty: give the value on its first line.</source>
        <translation>L’entrée standard est vide&#xa0;: indiquez la valeur sur sa première ligne.</translation>
    </message>
    <message>
        <source>The first line of standard input is too long (%1 bytes at most).</source>
        <translation>La première ligne de l’entrée standard est trop longue (%1&#xa0;octets au maximum).</translation>
    </message>
    <message>
        <source>The first line of standard input is not valid UTF-8.</source>
        <translation>La première ligne de l’entrée standard n’est pas de l’UTF-8 valide.</translation>
    </message>
    <message>
        <source>The database %1 is read-only: this command would change it, so nothing was done.</source>
        <translation>La base de données %1 est en lecture seule&#xa0;: cette commande la modifierait, rien n’a donc été fait.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Cannot create the database %1: %2</source>
        <translation>Impossible de créer la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Impossible d’ouvrir la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of Crochet (schema %2; this version knows %3).</source>
        <translation>La base de données %1 a été écrite par une version plus récente de Crochet (schéma %2&#x202f;; cette version ne connaît que jusqu’au schéma %3).</translation>
    </message>
    <message>
        <source>Cannot upgrade the database to schema %1: %2</source>
        <translation>Impossible de mettre à jour la base de données vers le schéma %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The database %1 is empty and read-only: Crochet cannot set it up.</source>
        <translation>La base de données %1 est vide et en lecture seule&#xa0;: Crochet ne peut pas l’initialiser.</translation>
    </message>
    <message>
        <source>The database %1 is read-only and was written by an older version of Crochet: make it writable once so that it can be upgraded.</source>
        <translation>La base de données %1 est en lecture seule et a été écrite par une version antérieure de Crochet&#xa0;: rendez-la accessible en écriture une fois, pour qu’elle puisse être mise à jour.</translation>
    </message>
    <message>
        <source>%1 is a symbolic link to a file that does not exist.</source>
        <translation>%1 est un lien symbolique vers un fichier qui n’existe pas.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a Crochet database.</source>
        <translation>%1 est un dossier, pas une base de données Crochet.</translation>
    </message>
    <message>
        <source>%1 is a device, not a Crochet database.</source>
        <translation>%1 est un périphérique, pas une base de données Crochet.</translation>
    </message>
    <message>
        <source>%1 is a named pipe (FIFO), not a Crochet database.</source>
        <translation>%1 est un tube nommé (FIFO), pas une base de données Crochet.</translation>
    </message>
    <message>
        <source>%1 is not a regular file, so not a Crochet database.</source>
        <translation>%1 n’est pas un fichier ordinaire, ni donc une base de données Crochet.</translation>
    </message>
    <message>
        <source>Cannot read the database %1: %2</source>
        <translation>Impossible de lire la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the file ends inside its header</source>
        <translation>le fichier s’arrête au milieu de son en-tête</translation>
    </message>
    <message>
        <source>The database %1 is read-only: Crochet needs to write to it. Make it writable, or choose another file with --database.</source>
        <translation>La base de données %1 est en lecture seule&#xa0;: Crochet doit pouvoir y écrire. Rendez-la accessible en écriture, ou choisissez un autre fichier avec --database.</translation>
    </message>
    <message>
        <source>%1 is not a Crochet database: it is an SQLite database of another program.</source>
        <translation>%1 n’est pas une base de données Crochet&#xa0;: c’est une base de données SQLite d’un autre programme.</translation>
    </message>
    <message>
        <source>%1 is not a Crochet database: it is not an SQLite database file.</source>
        <translation>%1 n’est pas une base de données Crochet&#xa0;: ce n’est pas un fichier de base de données SQLite.</translation>
    </message>
    <message>
        <source>The database %1 is damaged (%2). Restore it from a backup, or choose another file with --database.</source>
        <translation>La base de données %1 est endommagée (%2). Restaurez-la à partir d’une sauvegarde, ou choisissez un autre fichier avec --database.</translation>
    </message>
    <message>
        <source>Cannot write to the database %1: %2</source>
        <translation>Impossible d’écrire dans la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot read the schema version of the database %1.</source>
        <translation>Impossible de lire la version du schéma de la base de données %1.</translation>
    </message>
    <message>
        <source>Cannot upgrade the database %1: %2</source>
        <translation>Impossible de mettre à jour la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>(malformed database URL)</source>
        <translation>(URL de base de données mal formée)</translation>
    </message>
    <message>
        <source>Crochet cannot talk to PostgreSQL: Qt&apos;s PostgreSQL driver (QPSQL) is not installed. Install the package libqt6sql6-psql.</source>
        <translation>Crochet ne peut pas dialoguer avec PostgreSQL&#xa0;: le pilote PostgreSQL de Qt (QPSQL) n’est pas installé. Installez le paquet libqt6sql6-psql.</translation>
    </message>
    <message>
        <source>%1 is not a Crochet database: it holds tables of another program. Give Crochet a database of its own.</source>
        <translation>%1 n’est pas une base de données Crochet&#xa0;: elle contient les tables d’un autre programme. Donnez à Crochet une base de données à lui.</translation>
    </message>
    <message>
        <source>PostgreSQL refused the user name or password for %1. Check the user in the URL and the password (in the URL, PGPASSWORD or ~/.pgpass).</source>
        <translation>PostgreSQL a refusé le nom d’utilisateur ou le mot de passe pour %1. Vérifiez l’utilisateur dans l’URL et le mot de passe (dans l’URL, PGPASSWORD ou ~/.pgpass).</translation>
    </message>
    <message>
        <source>The database %1 does not exist on the server: create it first (createdb, or CREATE DATABASE).</source>
        <translation>La base de données %1 n’existe pas sur le serveur&#xa0;: créez-la d’abord (createdb, ou CREATE DATABASE).</translation>
    </message>
    <message>
        <source>Cannot reach the PostgreSQL server of %1: %2</source>
        <translation>Impossible de joindre le serveur PostgreSQL de %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>The database URL is malformed. Write it postgresql://user@host:5432/database (characters such as @, : or / in the user name or password must be percent-encoded).</source>
        <translation>L’URL de la base de données est mal formée. Écrivez-la postgresql://utilisateur@hôte:5432/base (les caractères comme @, : ou / dans le nom d’utilisateur ou le mot de passe doivent être encodés en pourcentage).</translation>
    </message>
    <message>
        <source>Unsupported database URL scheme &quot;%1&quot;: Crochet stores its data in an SQLite file (give its path) or in PostgreSQL (postgresql://…).</source>
        <translation>Schéma d’URL de base de données «&#xa0;%1&#xa0;» non pris en charge&#xa0;: Crochet enregistre ses données dans un fichier SQLite (donnez son chemin) ou dans PostgreSQL (postgresql://…).</translation>
    </message>
    <message>
        <source>The database URL names the database &quot;%1&quot;: a database name cannot contain &quot;/&quot;.</source>
        <translation>L’URL de la base de données nomme la base «&#xa0;%1&#xa0;»&#xa0;: un nom de base ne peut pas contenir «&#xa0;/&#xa0;».</translation>
    </message>
    <message>
        <source>The database URL cannot have a fragment (#…).</source>
        <translation>L’URL de la base de données ne peut pas avoir de fragment (#…).</translation>
    </message>
    <message>
        <source>Unknown parameter &quot;%1&quot; in the database URL. Crochet accepts libpq&apos;s: %2.</source>
        <translation>Paramètre «&#xa0;%1&#xa0;» inconnu dans l’URL de la base de données. Crochet accepte ceux de libpq&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The parameter &quot;%1&quot; of the database URL cannot contain &quot;;&quot;.</source>
        <translation>Le paramètre «&#xa0;%1&#xa0;» de l’URL de la base de données ne peut pas contenir «&#xa0;;&#xa0;».</translation>
    </message>
    <message>
        <source>sslmode=%1 in the database URL: it must be one of %2.</source>
        <translation>sslmode=%1 dans l’URL de la base de données&#xa0;: la valeur doit être l’une de celles-ci&#xa0;: %2.</translation>
    </message>
</context>
<context>
    <name>DeliveriesCommand</name>
    <message>
        <source>Inspect the notifications in the outbox, schedule them again, and deliver what is pending.</source>
        <translation>Examiner les notifications de la file d’envoi, les reprogrammer et livrer celles qui sont en attente.</translation>
    </message>
    <message>
        <source>Only notifications in this state: pending, delivered or failed.</source>
        <translation>Uniquement les notifications dans cet état&#xa0;: pending (en attente), delivered (livrée) ou failed (en échec).</translation>
    </message>
    <message>
        <source>state</source>
        <translation>état</translation>
    </message>
    <message>
        <source>At most this many, the newest first (default %1).</source>
        <translation>Au plus ce nombre, les plus récentes d’abord (%1 par défaut).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Schedule every failed notification again.</source>
        <translation>Reprogrammer toutes les notifications en échec.</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>A notification&apos;s id, or enough of its beginning to be unique.</source>
        <translation>L’identifiant d’une notification, ou assez de ses premiers caractères pour la désigner sans ambiguïté.</translation>
    </message>
    <message>
        <source>Show a notification and every attempt to deliver it.</source>
        <translation>Afficher une notification et chacune des tentatives faites pour la livrer.</translation>
    </message>
    <message>
        <source>Schedule a notification, or every failed one, for delivery now.</source>
        <translation>Programmer une livraison immédiate pour une notification, ou pour toutes celles en échec.</translation>
    </message>
    <message>
        <source>Give either a notification id or --%1.</source>
        <translation>Indiquez soit l’identifiant d’une notification, soit --%1.</translation>
    </message>
    <message>
        <source>Unknown state &quot;%1&quot;: use pending, delivered or failed.</source>
        <translation>État «&#xa0;%1&#xa0;» inconnu&#xa0;: utilisez pending, delivered ou failed.</translation>
    </message>
    <message>
        <source>The limit must be a whole number above 0.</source>
        <translation>La limite doit être un nombre entier supérieur à 0.</translation>
    </message>
    <message>
        <source>No notification matches &quot;%1&quot;; give its id or a unique beginning of it.</source>
        <translation>Aucune notification ne correspond à «&#xa0;%1&#xa0;»&#x202f;; indiquez son identifiant ou un début qui la désigne sans ambiguïté.</translation>
    </message>
    <message>
        <source>Notification: %1</source>
        <translation>Notification&#xa0;: %1</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>Compte&#xa0;: %1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>État&#xa0;: %1</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Création&#xa0;: %1</translation>
    </message>
    <message>
        <source>Next attempt: %1</source>
        <translation>Prochaine tentative&#xa0;: %1</translation>
    </message>
    <message>
        <source>No attempt yet.</source>
        <translation>Aucune tentative pour l’instant.</translation>
    </message>
    <message>
        <source>Attempt %1: %2, %3 ms</source>
        <translation>Tentative %1&#xa0;: %2, %3&#xa0;ms</translation>
    </message>
    <message>
        <source>URL: %1</source>
        <translation>URL&#xa0;: %1</translation>
    </message>
    <message>
        <source>Request headers:</source>
        <translation>En-têtes de la requête&#xa0;:</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Statut&#xa0;: %1</translation>
    </message>
    <message>
        <source>no HTTP answer</source>
        <translation>aucune réponse HTTP</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Résultat&#xa0;: %1</translation>
    </message>
    <message>
        <source>Notifications scheduled for delivery now: %1</source>
        <translation>Notifications programmées pour une livraison immédiate&#xa0;: %1</translation>
    </message>
    <message>
        <source>The next running Crochet delivers them, or run &quot;%1 deliveries flush&quot;.</source>
        <translation>Le prochain processus Crochet actif les livrera&#x202f;; vous pouvez aussi lancer «&#xa0;%1 deliveries flush&#xa0;».</translation>
    </message>
    <message>
        <source>The wait must be a whole number of seconds.</source>
        <translation>L’attente doit être un nombre entier de secondes.</translation>
    </message>
    <message>
        <source>Delivered: %1, failed: %2, still pending: %3</source>
        <translation>Livrées&#xa0;: %1, en échec&#xa0;: %2, encore en attente&#xa0;: %3</translation>
    </message>
    <message>
        <source>Notifications are still pending; the next one falls due at %1.</source>
        <translation>Des notifications sont encore en attente&#x202f;; la prochaine arrive à échéance le %1.</translation>
    </message>
    <message>
        <source>Notifications are still pending.</source>
        <translation>Des notifications sont encore en attente.</translation>
    </message>
    <message>
        <source>Event: %1 (%2)</source>
        <translation>Événement&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is ambiguous: it begins the ids of several notifications. Give more characters, for example one of:</source>
        <translation>«&#xa0;%1&#xa0;» est ambigu&#xa0;: plusieurs identifiants de notification commencent ainsi. Indiquez davantage de caractères, par exemple l’un des identifiants suivants&#xa0;:</translation>
    </message>
    <message>
        <source>Give up after this many seconds (default %1); requests still unanswered then are abandoned and sent again later.</source>
        <translation>Abandonner après ce nombre de secondes (%1 par défaut)&#x202f;; les requêtes encore sans réponse sont alors abandonnées et renvoyées plus tard.</translation>
    </message>
    <message>
        <source>Send every pending notification now, whatever its schedule: run it once the receiver is fixed. What fails again is retried as it falls due, until none is left pending or the wait is over; then exit 0 when none is. Notifications held because the webhook answered 410 Gone stay held: set a new URL first.</source>
        <translation>Envoyer tout de suite chaque notification en attente, quelle que soit sa date prévue&#xa0;: à lancer une fois le destinataire réparé. Ce qui échoue de nouveau est retenté à son échéance, jusqu’à ce qu’il ne reste rien en attente ou que le délai soit écoulé&#x202f;; le code de sortie est alors 0 s’il ne reste rien. Les notifications suspendues parce que le webhook a répondu 410 Gone le restent&#xa0;: configurez d’abord une nouvelle URL.</translation>
    </message>
    <message>
        <source>Requests still unanswered when the wait ended: %1. The receiver may have them; they are sent again once its time to answer has passed.</source>
        <translation>Requêtes encore sans réponse à la fin de l’attente&#xa0;: %1. Le destinataire les a peut-être reçues&#x202f;; elles seront renvoyées une fois son délai de réponse écoulé.</translation>
    </message>
    <message>
        <source>Only notifications to this endpoint (its name).</source>
        <translation>Uniquement les notifications destinées à ce point d’envoi (désigné par son nom).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>Only notifications of accounts whose name or email contains this text, whatever the case and accents.</source>
        <translation>Uniquement les notifications des comptes dont le nom ou l’adresse électronique contient ce texte, sans tenir compte de la casse ni des accents.</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>List notifications, one a line: id, event, account, state, attempts, last result, endpoint (tab-separated).</source>
        <translation>Lister les notifications, une par ligne&#xa0;: identifiant, événement, compte, état, tentatives, dernier résultat, point d’envoi (séparés par des tabulations).</translation>
    </message>
    <message>
        <source>There is no endpoint named &quot;%1&quot;; &quot;%2 endpoint list&quot; lists them.</source>
        <translation>Aucun point d’envoi ne s’appelle «&#xa0;%1&#xa0;»&#x202f;; «&#xa0;%2 endpoint list&#xa0;» les liste tous.</translation>
    </message>
    <message>
        <source>Endpoint: %1</source>
        <translation>Point d’envoi&#xa0;: %1</translation>
    </message>
    <message>
        <source>Nothing was sent to it: the service would refuse every notification and each would fail for good. They stay pending for its new URL.</source>
        <translation>Rien ne lui a été envoyé&#xa0;: le service refuserait toutes les notifications, et chacune échouerait définitivement. Elles restent en attente de sa nouvelle URL.</translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; answered 410 Gone: its webhook was deleted on the service. It is disabled until it has a new URL.</source>
        <translation>Le point d’envoi «&#xa0;%1&#xa0;» a répondu 410 Gone&#xa0;: son webhook a été supprimé sur le service. Il reste désactivé tant qu’il n’a pas de nouvelle URL.</translation>
    </message>
    <message>
        <source>Digest body:</source>
        <translation>Corps du résumé&#xa0;:</translation>
    </message>
</context>
<context>
    <name>DeliveriesModel</name>
    <message>
        <source>Not attempted yet</source>
        <translation>Aucune tentative pour l’instant</translation>
    </message>
    <message>
        <source>Event</source>
        <extracomment>Column header: what happened, such as user.created</extracomment>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>Column header: pending, delivered or failed</extracomment>
        <translation>État</translation>
    </message>
    <message>
        <source>Attempts</source>
        <extracomment>Column header: how many times the notification was sent</extracomment>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Dernier résultat</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Prochaine tentative</translation>
    </message>
    <message>
        <source>Created</source>
        <extracomment>Column header: when the notification was recorded</extracomment>
        <translation>Créée le</translation>
    </message>
    <message>
        <source>On hold</source>
        <extracomment>Deliveries, Next attempt column: nothing will be sent until the webhook is fixed</extracomment>
        <translation>En suspens</translation>
    </message>
    <message>
        <source>Notification %1 (%2)</source>
        <translation>Notification %1 (%2)</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <extracomment>Column header: the webhook endpoint a notification goes to</extracomment>
        <translation>Point d’envoi</translation>
    </message>
</context>
<context>
    <name>DeliveriesPage</name>
    <message>
        <source>&amp;Show:</source>
        <translation>Aff&amp;icher&#xa0;:</translation>
    </message>
    <message>
        <source>Notifications to show</source>
        <translation>Notifications à afficher</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Attempts of the selected notification</source>
        <translation>Tentatives de la notification sélectionnée</translation>
    </message>
    <message>
        <source>Send the selected notifications again now, with the same webhook-id.</source>
        <translation>Renvoyer maintenant les notifications sélectionnées, avec le même webhook-id.</translation>
    </message>
    <message>
        <source>&amp;Redeliver</source>
        <translation>&amp;Renvoyer</translation>
    </message>
    <message>
        <source>Schedule every failed notification again now.</source>
        <translation>Reprogrammer dès maintenant toutes les notifications en échec.</translation>
    </message>
    <message>
        <source>Re&amp;try all failed</source>
        <translation>Réessayer &amp;tous les envois en échec</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>The notification will be sent again now.</source>
        <translation>La notification va être renvoyée maintenant.</translation>
    </message>
    <message>
        <source>%1 notifications will be sent again now.</source>
        <translation>%1 notifications vont être renvoyées maintenant.</translation>
    </message>
    <message>
        <source>No failed notification to retry.</source>
        <translation>Aucune notification en échec à réessayer.</translation>
    </message>
    <message>
        <source>The failed notification will be sent again now.</source>
        <translation>La notification en échec va être renvoyée maintenant.</translation>
    </message>
    <message>
        <source>%1 failed notifications will be sent again now.</source>
        <translation>%1 notifications en échec vont être renvoyées maintenant.</translation>
    </message>
    <message>
        <source>Total: %1 · Pending: %2 · Failed: %3</source>
        <translation>Total&#xa0;: %1 · En attente&#xa0;: %2 · En échec&#xa0;: %3</translation>
    </message>
    <message>
        <source>Select a notification to see its attempts.</source>
        <translation>Sélectionnez une notification pour voir ses tentatives.</translation>
    </message>
    <message>
        <source>Notification (webhook-id):</source>
        <translation>Notification (webhook-id)&#xa0;:</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Événement&#xa0;:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte&#xa0;:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État&#xa0;:</translation>
    </message>
    <message>
        <source>Next attempt:</source>
        <translation>Prochaine tentative&#xa0;:</translation>
    </message>
    <message>
        <source>Not attempted yet.</source>
        <translation>Aucune tentative pour l’instant.</translation>
    </message>
    <message>
        <source>Attempt %1</source>
        <translation>Tentative %1</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Début&#xa0;:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Durée&#xa0;:</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1&#xa0;ms</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL&#xa0;:</translation>
    </message>
    <message>
        <source>Response status:</source>
        <translation>Statut de la réponse&#xa0;:</translation>
    </message>
    <message>
        <source>none (no HTTP answer)</source>
        <translation>aucun (pas de réponse HTTP)</translation>
    </message>
    <message>
        <source>Diagnostic:</source>
        <translation>Diagnostic&#xa0;:</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>En-têtes de la requête</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Corps de la requête</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>En-têtes de la réponse</translation>
    </message>
    <message>
        <source>Response body (excerpt)</source>
        <translation>Corps de la réponse (extrait)</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Point d’envoi&#xa0;:</translation>
    </message>
    <message>
        <source>Endpoint of the notifications to show</source>
        <translation>Point d’envoi des notifications à afficher</translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation>&amp;Compte&#xa0;:</translation>
    </message>
    <message>
        <source>Name or email</source>
        <translation>Nom ou courriel</translation>
    </message>
    <message>
        <source>Account of the notifications to show</source>
        <translation>Compte des notifications à afficher</translation>
    </message>
    <message>
        <source>All endpoints</source>
        <translation>Tous les points d’envoi</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Point d’envoi&#xa0;:</translation>
    </message>
    <message>
        <source>Digest (webhook-id):</source>
        <translation>Résumé (webhook-id)&#xa0;:</translation>
    </message>
    <message>
        <source>Request body (the digest&apos;s)</source>
        <translation>Corps de la requête (celui du résumé)</translation>
    </message>
</context>
<context>
    <name>DeliveryHold</name>
    <message>
        <source>Waiting: the environment variable %1 is no longer set. Set it again, or retry the notification once another endpoint takes its place.</source>
        <translation>En attente&#xa0;: la variable d’environnement %1 n’est plus définie. Définissez-la de nouveau, ou réessayez la notification une fois qu’un autre point d’envoi aura pris le relais.</translation>
    </message>
    <message>
        <source>Waiting: its endpoint was removed.</source>
        <translation>En attente&#xa0;: son point d’envoi a été supprimé.</translation>
    </message>
    <message>
        <source>(removed)</source>
        <extracomment>Deliveries: the endpoint column of a notification whose endpoint was removed</extracomment>
        <translation>(supprimé)</translation>
    </message>
</context>
<context>
    <name>DeliveryResult</name>
    <message>
        <source>Delivered: HTTP %1 in %2 ms.</source>
        <translation>Livrée en %2&#xa0;ms (HTTP %1).</translation>
    </message>
    <message>
        <source>HTTP %1: the receiver redirects to %2. Crochet does not follow redirects; use the new address.</source>
        <translation>HTTP %1&#xa0;: le destinataire redirige vers %2. Crochet ne suit pas les redirections&#x202f;; utilisez la nouvelle adresse.</translation>
    </message>
    <message>
        <source>an unspecified address</source>
        <translation>une adresse non précisée</translation>
    </message>
    <message>
        <source>HTTP %1: the service rejected the URL or its key, which may have been revoked. Create a new webhook on the service and paste its URL.</source>
        <translation>HTTP %1&#xa0;: le service a refusé l’URL ou sa clé, qui a peut-être été révoquée. Créez un nouveau webhook sur le service et collez son URL.</translation>
    </message>
    <message>
        <source>HTTP 404: this webhook does not exist, or no longer does. Check the URL or create a new webhook.</source>
        <translation>HTTP 404&#xa0;: ce webhook n’existe pas ou plus. Vérifiez l’URL ou créez un nouveau webhook.</translation>
    </message>
    <message>
        <source>HTTP 429: the service is limiting requests; try again later.</source>
        <translation>HTTP 429&#xa0;: le service limite les requêtes&#x202f;; réessayez plus tard.</translation>
    </message>
    <message>
        <source>HTTP 408: the receiver timed out while reading the request.</source>
        <translation>HTTP 408&#xa0;: le délai d’attente du destinataire a expiré pendant la lecture de la requête.</translation>
    </message>
    <message>
        <source>HTTP %1: the service refused the request. Check that the payload format suits this URL.</source>
        <translation>HTTP %1&#xa0;: le service a refusé la requête. Vérifiez que le format des messages convient à cette URL.</translation>
    </message>
    <message>
        <source>HTTP %1: unexpected answer from the receiver.</source>
        <translation>HTTP %1&#xa0;: réponse inattendue du destinataire.</translation>
    </message>
    <message>
        <source>Host %1 not found: check the URL&apos;s spelling and this machine&apos;s DNS.</source>
        <translation>Hôte %1 introuvable&#xa0;: vérifiez l’orthographe de l’URL et le DNS de cette machine.</translation>
    </message>
    <message>
        <source>Connection refused by %1: nothing is listening there, or a firewall rejects the connection.</source>
        <translation>Connexion refusée par %1&#xa0;: aucun service n’y écoute, ou un pare-feu rejette la connexion.</translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation>%1 a fermé la connexion avant de répondre.</translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2</source>
        <translation>Échec de la connexion sécurisée à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Network error: %1</source>
        <translation>Erreur réseau&#xa0;: %1</translation>
    </message>
    <message>
        <source>No webhook URL is configured.</source>
        <translation>Aucune URL de webhook n’est configurée.</translation>
    </message>
    <message>
        <source>The webhook URL is invalid: %1</source>
        <translation>L’URL du webhook n’est pas valide&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>the certificate has expired</source>
        <translation>le certificat a expiré</translation>
    </message>
    <message>
        <source>the certificate is not valid yet</source>
        <translation>le certificat n’est pas encore valide</translation>
    </message>
    <message>
        <source>the certificate is self-signed (trust its CA in the network settings)</source>
        <translation>le certificat est autosigné (déclarez son AC de confiance dans les réglages réseau)</translation>
    </message>
    <message>
        <source>the certificate is for another host name</source>
        <translation>le certificat est émis pour un autre nom d’hôte</translation>
    </message>
    <message>
        <source>the certificate&apos;s issuer is not trusted (add its CA in the network settings)</source>
        <translation>l’émetteur du certificat n’est pas reconnu (ajoutez son AC dans les réglages réseau)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>A short delay in seconds, as in &quot;wait 45 s&quot;.</extracomment>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <extracomment>A short delay in minutes, as in &quot;wait 2 min&quot;.</extracomment>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <extracomment>A delay in hours, as in &quot;wait 3 h&quot;.</extracomment>
        <translation>%1&#xa0;h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <extracomment>A delay in hours and minutes, as in &quot;wait 1 h 30 min&quot;.</extracomment>
        <translation>%1&#xa0;h&#xa0;%2&#xa0;min</translation>
    </message>
    <message>
        <source>HTTP 410: this webhook was deleted on the service. Create a new webhook there and use its URL.</source>
        <translation>HTTP 410&#xa0;: ce webhook a été supprimé sur le service. Créez-y un nouveau webhook et utilisez son URL.</translation>
    </message>
    <message>
        <source>HTTP 410: the webhook was deleted on the service, so Crochet stops sending to this URL. Create a new webhook there and save its URL.</source>
        <translation>HTTP 410&#xa0;: le webhook a été supprimé sur le service, Crochet n’envoie donc plus rien à cette URL. Créez-y un nouveau webhook et enregistrez son URL.</translation>
    </message>
    <message>
        <source>HTTP 429: the service is limiting requests and asked to wait until %1.</source>
        <translation>HTTP 429&#xa0;: le service limite les requêtes et a demandé d’attendre jusqu’à %1.</translation>
    </message>
    <message>
        <source>HTTP 429: the service is limiting requests and asks to wait: in %1 (%2).</source>
        <extracomment>%1 is a delay such as &quot;2 min&quot;, %2 a local time with its time zone such as &quot;10:42 CET&quot;.</extracomment>
        <translation>HTTP 429&#xa0;: le service limite les requêtes et demande d’attendre %1 (jusqu’à %2).</translation>
    </message>
    <message>
        <source>HTTP 500: the receiver failed while handling the request. Check the receiver&apos;s logs or the service&apos;s status page; if it fails only for Crochet, check that the payload format suits this URL.</source>
        <translation>HTTP 500&#xa0;: le destinataire a rencontré une erreur en traitant la requête. Consultez les journaux du destinataire ou la page d’état du service&#x202f;; si l’erreur ne se produit qu’avec Crochet, vérifiez que le format des messages convient à cette URL.</translation>
    </message>
    <message>
        <source>HTTP %1: the receiver, or a gateway in front of it, is unavailable or overloaded. Check that the receiver is running, or the service&apos;s status page.</source>
        <translation>HTTP %1&#xa0;: le destinataire, ou une passerelle placée devant lui, est indisponible ou surchargé. Vérifiez que le destinataire fonctionne, ou consultez la page d’état du service.</translation>
    </message>
    <message>
        <source>HTTP %1: the service is failing on its side. Check the receiver&apos;s logs or the service&apos;s status page.</source>
        <translation>HTTP %1&#xa0;: le service est en panne de son côté. Consultez les journaux du destinataire ou la page d’état du service.</translation>
    </message>
    <message>
        <source>No answer within %1 s: the receiver is down or too slow. If it is only slow, raise the Timeout on the General settings page, or run &quot;crochet-cli webhook set URL --timeout SECONDS&quot;.</source>
        <extracomment>&quot;Timeout&quot; and &quot;General&quot; name the setting and the settings page as the window shows them.</extracomment>
        <translation>Aucune réponse en %1&#xa0;s&#xa0;: le destinataire est hors service ou trop lent. S’il est seulement lent, augmentez le «&#xa0;Délai d’attente&#xa0;» dans Réglages → Général, ou lancez «&#xa0;crochet-cli webhook set URL --timeout SECONDES&#xa0;».</translation>
    </message>
    <message>
        <source>The proxy %1 set in Settings → Network failed: %2 Check it there, or clear it to use the system&apos;s proxy.</source>
        <extracomment>&quot;Settings → Network&quot; names the page of the window.</extracomment>
        <translation>Le proxy %1 défini dans Réglages → Réseau a échoué&#xa0;: %2 Vérifiez-le sur cette page, ou effacez-le pour utiliser le proxy du système.</translation>
    </message>
    <message>
        <source>The proxy %1 given by the environment (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) failed: %2 Correct or unset that variable, add the host to NO_PROXY, or set a proxy in Settings → Network.</source>
        <translation>Le proxy %1 fourni par l’environnement (HTTPS_PROXY, HTTP_PROXY ou ALL_PROXY) a échoué&#xa0;: %2 Corrigez ou supprimez cette variable, ajoutez l’hôte à NO_PROXY, ou définissez un proxy dans Réglages → Réseau.</translation>
    </message>
    <message>
        <source>The proxy failed: %1 Check the proxy in Settings → Network, or the HTTPS_PROXY, HTTP_PROXY and NO_PROXY environment variables.</source>
        <translation>Le proxy a échoué&#xa0;: %1 Vérifiez le proxy dans Réglages → Réseau, ou les variables d’environnement HTTPS_PROXY, HTTP_PROXY et NO_PROXY.</translation>
    </message>
    <message>
        <source>Blocked by the allowed-hosts policy: %1 If this host is trusted, change the policy in Settings → Network.</source>
        <translation>Envoi bloqué par la règle des hôtes autorisés&#xa0;: %1 Si cet hôte est de confiance, modifiez la règle dans Réglages → Réseau.</translation>
    </message>
    <message>
        <source>HTTP %1: the receiver sent more than %2 KiB of response headers; Crochet stopped reading. Check the receiver.</source>
        <translation>HTTP %1&#xa0;: le destinataire a envoyé plus de %2&#xa0;Kio d’en-têtes de réponse&#x202f;; Crochet a cessé de les lire. Vérifiez le destinataire.</translation>
    </message>
    <message>
        <source>the connection was refused</source>
        <translation>la connexion a été refusée</translation>
    </message>
    <message>
        <source>the connection was closed before the answer</source>
        <translation>la connexion a été fermée avant la réponse</translation>
    </message>
    <message>
        <source>the host name was not found</source>
        <translation>le nom d’hôte est introuvable</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>le délai de connexion a expiré</translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation>la requête a été annulée</translation>
    </message>
    <message>
        <source>the handshake failed; check that this address and port serve HTTPS</source>
        <translation>la négociation a échoué&#x202f;; vérifiez que cette adresse et ce port servent du HTTPS</translation>
    </message>
    <message>
        <source>the network is unavailable; check this machine&apos;s connection</source>
        <translation>le réseau est indisponible&#x202f;; vérifiez la connexion de cette machine</translation>
    </message>
    <message>
        <source>the proxy refused the connection</source>
        <translation>le proxy a refusé la connexion</translation>
    </message>
    <message>
        <source>the proxy closed the connection before the answer</source>
        <translation>le proxy a fermé la connexion avant la réponse</translation>
    </message>
    <message>
        <source>the proxy&apos;s host name was not found</source>
        <translation>le nom d’hôte du proxy est introuvable</translation>
    </message>
    <message>
        <source>the proxy did not answer in time</source>
        <translation>le proxy n’a pas répondu à temps</translation>
    </message>
    <message>
        <source>the proxy requires a user name and password, or refused the ones given</source>
        <translation>le proxy exige un nom d’utilisateur et un mot de passe, ou a refusé ceux fournis</translation>
    </message>
    <message>
        <source>the receiver&apos;s answer is not valid HTTP</source>
        <translation>la réponse du destinataire n’est pas du HTTP valide</translation>
    </message>
    <message>
        <source>; </source>
        <extracomment>Separates the faults of one certificate, as in &quot;the certificate has expired; it was revoked&quot;.</extracomment>
        <translation>&#x202f;; </translation>
    </message>
    <message>
        <source>Not sent: its endpoint was removed.</source>
        <translation>Non envoyée&#xa0;: son point d’envoi a été supprimé.</translation>
    </message>
</context>
<context>
    <name>DigestBuilder</name>
    <message>
        <source>%1 new users signed up: %2</source>
        <extracomment>A digest message: %1 (2 or more) accounts created, listed in %2 (&quot;Ana, Bo, Cy&quot;)</extracomment>
        <translation>%1 nouveaux utilisateurs inscrits&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 accounts updated: %2</source>
        <extracomment>A digest message: %1 (2 or more) accounts changed, listed in %2</extracomment>
        <translation>%1 comptes modifiés&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 passwords reset: %2</source>
        <extracomment>A digest message: %1 (2 or more) accounts had their password reset, listed in %2</extracomment>
        <translation>%1 mots de passe réinitialisés&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 accounts disabled: %2</source>
        <extracomment>A digest message: %1 (2 or more) accounts disabled, listed in %2</extracomment>
        <translation>%1 comptes désactivés&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 accounts enabled: %2</source>
        <extracomment>A digest message: %1 (2 or more) accounts enabled again, listed in %2</extracomment>
        <translation>%1 comptes réactivés&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 accounts deleted: %2</source>
        <extracomment>A digest message: %1 (2 or more) accounts deleted, listed in %2</extracomment>
        <translation>%1 comptes supprimés&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 test notifications: %2</source>
        <extracomment>A digest message: %1 (2 or more) test notifications, listed in %2</extracomment>
        <translation>%1 notifications de test&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>The endpoint could not be saved: %1</source>
        <translation>Impossible d’enregistrer le point d’envoi&#xa0;: %1</translation>
    </message>
    <message>
        <source>Active</source>
        <extracomment>Webhooks page: the state of an endpoint that is sent notifications</extracomment>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Disabled</source>
        <extracomment>Webhooks page: the state of an endpoint an administrator disabled</extracomment>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Disabled after HTTP 410</source>
        <extracomment>Webhooks page: the state of an endpoint Crochet disabled because the service answered 410 Gone</extracomment>
        <translation>Désactivé après un HTTP 410</translation>
    </message>
    <message>
        <source>No URL</source>
        <extracomment>Webhooks page: the state of the main endpoint before a URL is saved</extracomment>
        <translation>Sans URL</translation>
    </message>
    <message>
        <source>Waiting: the endpoint &quot;%1&quot; is disabled.</source>
        <translation>En attente&#xa0;: le point d’envoi «&#xa0;%1&#xa0;» est désactivé.</translation>
    </message>
    <message>
        <source>Waiting: the endpoint &quot;%1&quot; was disabled after HTTP 410 (its webhook no longer exists on the service). Give it a new URL in Settings → Webhooks (or with &quot;crochet-cli endpoint set &quot;%1&quot; --url-stdin&quot;), or enable it again: the waiting notifications are then sent.</source>
        <extracomment>%1 is the endpoint&apos;s name</extracomment>
        <translation>En attente&#xa0;: le point d’envoi «&#xa0;%1&#xa0;» a été désactivé après un HTTP 410 (son webhook n’existe plus sur le service). Donnez-lui une nouvelle URL dans Réglages → Webhooks (ou avec «&#xa0;crochet-cli endpoint set &quot;%1&quot; --url-stdin&#xa0;»), ou réactivez-le&#xa0;: les notifications en attente seront alors envoyées.</translation>
    </message>
    <message>
        <source>Waiting: the endpoint &quot;%1&quot; has no URL.</source>
        <translation>En attente&#xa0;: le point d’envoi «&#xa0;%1&#xa0;» n’a pas d’URL.</translation>
    </message>
    <message>
        <source>Main</source>
        <extracomment>The name of the endpoint that Settings → General edits, and that an older database&apos;s webhook becomes</extracomment>
        <translation>Principal</translation>
    </message>
    <message>
        <source>The endpoint needs a name.</source>
        <translation>Donnez un nom au point d’envoi.</translation>
    </message>
    <message>
        <source>The endpoint name is too long: %1 characters at most.</source>
        <translation>Le nom du point d’envoi est trop long&#xa0;: %1&#xa0;caractères au maximum.</translation>
    </message>
    <message>
        <source>The name %1 is kept for the endpoint the environment variable adds.</source>
        <translation>Le nom %1 est réservé au point d’envoi qu’ajoute la variable d’environnement.</translation>
    </message>
    <message>
        <source>The timeout must be between %1 and %2 seconds.</source>
        <translation>Le délai d’attente doit être compris entre %1 et %2&#xa0;secondes.</translation>
    </message>
    <message>
        <source>The message for &quot;%1&quot;: %2</source>
        <translation>Message pour «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>The signing secret must look like whsec_ followed by base64.</source>
        <translation>Le secret de signature doit se composer de whsec_ suivi de Base64.</translation>
    </message>
    <message>
        <source>The digest window must be between %1 and %2 seconds.</source>
        <translation>La fenêtre du résumé doit être comprise entre %1 et %2 secondes.</translation>
    </message>
</context>
<context>
    <name>EndpointCommand</name>
    <message>
        <source>Manage the webhook endpoints: each has its URL, format, events, messages, signing secret and headers.</source>
        <translation>Gérer les points d’envoi des webhooks&#xa0;: chacun a son URL, son format, ses événements, ses messages, son secret de signature et ses en-têtes.</translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation>POINT</translation>
    </message>
    <message>
        <source>The endpoint&apos;s name, as &quot;endpoint list&quot; shows it (case does not matter).</source>
        <translation>Le nom du point d’envoi, tel que l’affiche «&#xa0;endpoint list&#xa0;» (la casse est indifférente).</translation>
    </message>
    <message>
        <source>The events it is notified of, separated by commas: %1 (default: %2; an empty list leaves only test notifications).</source>
        <translation>Les événements qui lui sont notifiés, séparés par des virgules&#xa0;: %1 (par défaut&#xa0;: %2&#x202f;; une liste vide ne laisse que les notifications de test).</translation>
    </message>
    <message>
        <source>events</source>
        <translation>événements</translation>
    </message>
    <message>
        <source>The new URL, http:// or https://.</source>
        <translation>La nouvelle URL, en http:// ou https://.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A new name for the endpoint.</source>
        <translation>Un nouveau nom pour le point d’envoi.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>Set the message for an event (%1, or webhook.test) to TEXT; placeholders: %2; {{ and }} for braces. An empty TEXT gives back the default message.</source>
        <translation>Remplacer par TEXTE le message d’un événement (%1, ou webhook.test)&#x202f;; champs&#xa0;: %2&#x202f;; {{ et }} pour écrire une accolade. Un TEXTE vide rétablit le message par défaut.</translation>
    </message>
    <message>
        <source>event</source>
        <translation>événement</translation>
    </message>
    <message>
        <source>Remove without asking.</source>
        <translation>Supprimer sans demander de confirmation.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>The endpoint&apos;s name, unique whatever its case (%1 characters at most).</source>
        <translation>Le nom du point d’envoi, unique sans distinction de casse (%1&#xa0;caractères au maximum).</translation>
    </message>
    <message>
        <source>The endpoint&apos;s address, http:// or https://; or --%1.</source>
        <translation>L’adresse du point d’envoi, en http:// ou https://&#x202f;; ou --%1.</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXTE</translation>
    </message>
    <message>
        <source>The message, with --%1.</source>
        <translation>Le message, avec --%1.</translation>
    </message>
    <message>
        <source>List the endpoints: name, host, format, events and state, WEBHOOK_URL&apos;s included while it is set.</source>
        <translation>Lister les points d’envoi&#xa0;: nom, hôte, format, événements et état, y compris celui de WEBHOOK_URL tant qu’elle est définie.</translation>
    </message>
    <message>
        <source>Add an endpoint; nothing is saved when something is refused.</source>
        <translation>Ajouter un point d’envoi&#x202f;; rien n’est enregistré si un élément est refusé.</translation>
    </message>
    <message>
        <source>Change an endpoint; nothing is saved when something is refused.</source>
        <translation>Modifier un point d’envoi&#x202f;; rien n’est enregistré si un élément est refusé.</translation>
    </message>
    <message>
        <source>Send notifications to the endpoint again (after a 410 too).</source>
        <translation>Envoyer de nouveau les notifications au point d’envoi (même après un 410).</translation>
    </message>
    <message>
        <source>Stop sending to the endpoint; its notifications wait until it is enabled again.</source>
        <translation>Ne plus rien envoyer au point d’envoi&#x202f;; ses notifications attendent qu’il soit réactivé.</translation>
    </message>
    <message>
        <source>Remove the endpoint, after asking; its pending notifications fail, its history stays.</source>
        <translation>Supprimer le point d’envoi, après confirmation&#x202f;; ses notifications en attente échouent, son historique est conservé.</translation>
    </message>
    <message>
        <source>There is no endpoint named &quot;%1&quot;: &quot;%2 endpoint list&quot; shows them.</source>
        <translation>Aucun point d’envoi ne s’appelle «&#xa0;%1&#xa0;»&#xa0;: «&#xa0;%2 endpoint list&#xa0;» les affiche tous.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>An endpoint in messages: %1 its name, %2 its URL, masked</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no URL</source>
        <translation>sans URL</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Unknown event &quot;%1&quot;: use %2, separated by commas.</source>
        <translation>Événement «&#xa0;%1&#xa0;» inconnu&#xa0;: utilisez %2, séparés par des virgules.</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Rien n’a été ajouté&#xa0;: %1</translation>
    </message>
    <message>
        <source>Endpoint added: %1</source>
        <translation>Point d’envoi ajouté&#xa0;: %1</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Événements&#xa0;: %1</translation>
    </message>
    <message>
        <source>Give either --%1 or --%2, not both.</source>
        <translation>Indiquez soit --%1, soit --%2, mais pas les deux.</translation>
    </message>
    <message>
        <source>Give one --%1 at a time.</source>
        <translation>Indiquez une seule option --%1 à la fois.</translation>
    </message>
    <message>
        <source>Missing argument TEXT after --%1 EVENT (an empty TEXT gives back the default message).</source>
        <translation>Argument TEXTE manquant après --%1 ÉVÉNEMENT (un TEXTE vide rétablit le message par défaut).</translation>
    </message>
    <message>
        <source>Unknown event &quot;%1&quot;: use %2 or webhook.test.</source>
        <translation>Événement «&#xa0;%1&#xa0;» inconnu&#xa0;: utilisez %2 ou webhook.test.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;: a TEXT goes with --%2 EVENT.</source>
        <translation>Argument «&#xa0;%1&#xa0;» inattendu&#xa0;: un TEXTE ne s’emploie qu’avec --%2 ÉVÉNEMENT.</translation>
    </message>
    <message>
        <source>Nothing to change: give at least one option.</source>
        <translation>Rien à modifier&#xa0;: indiquez au moins une option.</translation>
    </message>
    <message>
        <source>Endpoint saved: %1</source>
        <translation>Point d’envoi enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Message for %1: the default one, &quot;%2&quot;</source>
        <translation>Message pour %1&#xa0;: celui par défaut, «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>Message for %1: &quot;%2&quot;</source>
        <translation>Message pour %1&#xa0;: «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>The endpoint %1 is already enabled.</source>
        <translation>Le point d’envoi %1 est déjà activé.</translation>
    </message>
    <message>
        <source>The endpoint %1 is already disabled.</source>
        <translation>Le point d’envoi %1 est déjà désactivé.</translation>
    </message>
    <message>
        <source>Endpoint enabled again after HTTP 410: %1; its waiting notifications go out now.</source>
        <translation>Point d’envoi réactivé après un HTTP 410&#xa0;: %1&#x202f;; ses notifications en attente partent maintenant.</translation>
    </message>
    <message>
        <source>Endpoint enabled: %1</source>
        <translation>Point d’envoi activé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Endpoint disabled: %1; its notifications wait until it is enabled again.</source>
        <translation>Point d’envoi désactivé&#xa0;: %1&#x202f;; ses notifications attendent qu’il soit réactivé.</translation>
    </message>
    <message>
        <source>Removing the endpoint %1 needs a confirmation and there is no terminal to ask on: add --%2 to remove it.</source>
        <translation>La suppression du point d’envoi %1 doit être confirmée, et aucun terminal ne permet de le demander&#xa0;: ajoutez --%2 pour le supprimer.</translation>
    </message>
    <message>
        <source>yes</source>
        <extracomment>The answer that confirms on the terminal, in lower case; &quot;yes&quot; is accepted in every language</extracomment>
        <translation>oui</translation>
    </message>
    <message>
        <source>Remove the endpoint %1? Its pending notifications will fail; its history stays. Type &quot;%2&quot; to confirm:</source>
        <translation>Supprimer le point d’envoi %1&#x202f;? Ses notifications en attente échoueront&#x202f;; son historique sera conservé. Tapez «&#xa0;%2&#xa0;» pour confirmer&#xa0;:</translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation>Rien n’a été supprimé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Nothing was removed.</source>
        <translation>Rien n’a été supprimé.</translation>
    </message>
    <message>
        <source>Endpoint removed: %1. Its pending notifications failed; its history stays.</source>
        <translation>Point d’envoi supprimé&#xa0;: %1. Ses notifications en attente ont échoué&#x202f;; son historique est conservé.</translation>
    </message>
    <message>
        <source>on: notifications falling due within the digest window go as one message listing the accounts; off: one message each; auto (default): on for Discord, Slack, Google Chat and Teams, off for JSON and plain text.</source>
        <translation>on&#xa0;: les notifications qui arrivent à échéance dans la fenêtre du résumé partent en un seul message qui liste les comptes&#x202f;; off&#xa0;: un message chacune&#x202f;; auto (par défaut)&#xa0;: on pour Discord, Slack, Google Chat et Teams, off pour JSON et le texte brut.</translation>
    </message>
    <message>
        <source>Seconds a digest waits for more notifications (%1 to %2, default %3).</source>
        <translation>Secondes pendant lesquelles un résumé attend d’autres notifications (de %1 à %2, %3 par défaut).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>Unknown value &quot;%1&quot; for --%2: use on, off or auto.</source>
        <translation>Valeur «&#xa0;%1&#xa0;» inconnue pour --%2&#xa0;: utilisez on, off ou auto.</translation>
    </message>
    <message>
        <source>The digest window must be a whole number of seconds from %1 to %2.</source>
        <translation>La fenêtre du résumé doit être un nombre entier de secondes, de %1 à %2.</translation>
    </message>
</context>
<context>
    <name>EndpointCommandBase</name>
    <message>
        <source>%1 (%2)</source>
        <extracomment>An event in &quot;crochet-cli endpoint show&quot;: %1 its name, %2 its key (user.created)</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>none, only test notifications</source>
        <translation>aucun, seulement les notifications de test</translation>
    </message>
    <message>
        <source>Payload format: %1 (Auto picks one from the URL&apos;s host).</source>
        <translation>Format des messages&#xa0;: %1 (auto le choisit d’après l’hôte de l’URL).</translation>
    </message>
    <message>
        <source>format</source>
        <translation>format</translation>
    </message>
    <message>
        <source>Seconds to wait for the receiver&apos;s answer (%1 to %2, default %3).</source>
        <translation>Nombre de secondes d’attente de la réponse du destinataire (de %1 à %2, %3 par défaut).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>Read the URL from the first line of standard input instead, so that its token stays out of the process list and the shell history.</source>
        <translation>Lire plutôt l’URL sur la première ligne de l’entrée standard, pour que son jeton n’apparaisse ni dans la liste des processus ni dans l’historique du shell.</translation>
    </message>
    <message>
        <source>Print JSON, for scripts.</source>
        <translation>Afficher du JSON, pour les scripts.</translation>
    </message>
    <message>
        <source>Show the URL, the signing secrets and the header values in full.</source>
        <translation>Afficher en entier l’URL, les secrets de signature et les valeurs des en-têtes.</translation>
    </message>
    <message>
        <source>Read the value from the first line of standard input instead, so that it stays out of the process list and the shell history.</source>
        <translation>Lire plutôt la valeur sur la première ligne de l’entrée standard, pour qu’elle n’apparaisse ni dans la liste des processus ni dans l’historique du shell.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>The header&apos;s name, for example Authorization.</source>
        <translation>Le nom de l’en-tête, par exemple Authorization.</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>VALEUR</translation>
    </message>
    <message>
        <source>The header&apos;s value, kept secret; or --%1.</source>
        <translation>La valeur de l’en-tête, gardée secrète&#x202f;; ou --%1.</translation>
    </message>
    <message>
        <source>Show the URL (masked), the state, the format, the timeout, the events and their messages, signing and custom headers.</source>
        <translation>Afficher l’URL (masquée), l’état, le format, le délai d’attente, les événements et leurs messages, la signature et les en-têtes personnalisés.</translation>
    </message>
    <message>
        <source>Send a test notification and show the outcome.</source>
        <translation>Envoyer une notification de test et afficher le résultat.</translation>
    </message>
    <message>
        <source>Sign requests with a new secret (Standard Webhooks); a previous secret keeps signing for 24 hours.</source>
        <translation>Signer les requêtes avec un nouveau secret (Standard Webhooks)&#x202f;; l’ancien secret continue de signer pendant 24&#xa0;heures.</translation>
    </message>
    <message>
        <source>Sign requests with a secret read from the first line of standard input (whsec_ and Base64, as the receiver gave it); a previous secret keeps signing for 24 hours.</source>
        <translation>Signer les requêtes avec un secret lu sur la première ligne de l’entrée standard (whsec_ suivi de Base64, tel que le destinataire l’a fourni)&#x202f;; l’ancien secret continue de signer pendant 24&#xa0;heures.</translation>
    </message>
    <message>
        <source>Stop signing requests.</source>
        <translation>Ne plus signer les requêtes.</translation>
    </message>
    <message>
        <source>Add a header to every request, or replace it. Hop-by-hop and framing headers (Connection, Host, Content-Length, Transfer-Encoding…) and control characters in the value are refused.</source>
        <translation>Ajouter un en-tête à chaque requête, ou le remplacer. Les en-têtes de connexion (hop-by-hop) et de délimitation du message (Connection, Host, Content-Length, Transfer-Encoding…), ainsi que les caractères de contrôle dans la valeur, sont refusés.</translation>
    </message>
    <message>
        <source>Stop sending a custom header.</source>
        <translation>Ne plus envoyer un en-tête personnalisé.</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Rien n’a été modifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>Give either %1 or --%2, not both.</source>
        <translation>Indiquez soit %1, soit --%2, mais pas les deux.</translation>
    </message>
    <message>
        <source>Missing argument %1 (or --%2).</source>
        <translation>Argument %1 manquant (ou --%2).</translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;: use one of %2.</source>
        <translation>Format «&#xa0;%1&#xa0;» inconnu&#xa0;: choisissez parmi %2.</translation>
    </message>
    <message>
        <source>The timeout must be a whole number of seconds from %1 to %2.</source>
        <translation>Le délai d’attente doit être un nombre entier de secondes, de %1 à %2.</translation>
    </message>
    <message>
        <source>URL: %1</source>
        <translation>URL&#xa0;: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Endpoint: %1 (%2)</source>
        <translation>Point d’envoi&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>Read-only: it comes from the environment variable %1 and lasts while it is set.</source>
        <translation>Lecture seule&#xa0;: il provient de la variable d’environnement %1 et existe tant qu’elle est définie.</translation>
    </message>
    <message>
        <source>Not valid, nothing can be sent: %1</source>
        <translation>Non valide, rien ne peut être envoyé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Also notified of new accounts while %1 is set: %2</source>
        <translation>Les nouveaux comptes sont aussi notifiés à cette URL tant que %1 est définie&#xa0;: %2</translation>
    </message>
    <message>
        <source>Format: %1, which picks %2 for this URL</source>
        <translation>Format&#xa0;: %1, soit %2 pour cette URL</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Format&#xa0;: %1</translation>
    </message>
    <message>
        <source>Timeout: %1 s</source>
        <translation>Délai d’attente&#xa0;: %1&#xa0;s</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Événements&#xa0;: %1</translation>
    </message>
    <message>
        <source>Messages: the default ones</source>
        <translation>Messages&#xa0;: ceux par défaut</translation>
    </message>
    <message>
        <source>Messages (the others are the default ones):</source>
        <translation>Messages (les autres sont ceux par défaut)&#xa0;:</translation>
    </message>
    <message>
        <source>Signing: off</source>
        <translation>Signature&#xa0;: désactivée</translation>
    </message>
    <message>
        <source>Signing: on</source>
        <translation>Signature&#xa0;: activée</translation>
    </message>
    <message>
        <source>Signing secret: %1</source>
        <translation>Secret de signature&#xa0;: %1</translation>
    </message>
    <message>
        <source>The previous secret also signs until %1</source>
        <translation>L’ancien secret signe aussi jusqu’au %1</translation>
    </message>
    <message>
        <source>Previous signing secret: %1</source>
        <translation>Ancien secret de signature&#xa0;: %1</translation>
    </message>
    <message>
        <source>Custom headers: none</source>
        <translation>En-têtes personnalisés&#xa0;: aucun</translation>
    </message>
    <message>
        <source>Custom headers:</source>
        <translation>En-têtes personnalisés&#xa0;:</translation>
    </message>
    <message>
        <source>The endpoint %1 has no URL: give it one with &quot;%2&quot;.</source>
        <translation>Le point d’envoi %1 n’a pas d’URL&#xa0;: donnez-lui-en une avec «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Sending a test notification to %1 (%2)…</source>
        <translation>Envoi d’une notification de test à %1 (%2)…</translation>
    </message>
    <message>
        <source>This is not a signing secret: give whsec_ followed by Base64 (24 to 64 bytes), as the receiver or &quot;%1&quot; gave it. Nothing was saved.</source>
        <translation>Ceci n’est pas un secret de signature&#xa0;: indiquez whsec_ suivi de Base64 (24 à 64&#xa0;octets), tel que l’a fourni le destinataire ou «&#xa0;%1&#xa0;». Rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>Signing secret saved: requests are signed with it from now on.</source>
        <translation>Secret de signature enregistré&#xa0;: les requêtes sont désormais signées avec ce secret.</translation>
    </message>
    <message>
        <source>The previous secret keeps signing alongside it until %1.</source>
        <translation>L’ancien secret continue de signer en parallèle jusqu’au %1.</translation>
    </message>
    <message>
        <source>Cannot generate a secret: the random number generator is unavailable.</source>
        <translation>Impossible de générer un secret&#xa0;: le générateur de nombres aléatoires est indisponible.</translation>
    </message>
    <message>
        <source>New signing secret, shown only this once; give it to the receiver so it can verify requests:</source>
        <translation>Nouveau secret de signature, affiché cette seule fois&#x202f;; communiquez-le au destinataire pour qu’il puisse vérifier les requêtes&#xa0;:</translation>
    </message>
    <message>
        <source>Signing turned off: requests are no longer signed.</source>
        <translation>Signature désactivée&#xa0;: les requêtes ne sont plus signées.</translation>
    </message>
    <message>
        <source>Signing was already off.</source>
        <translation>La signature était déjà désactivée.</translation>
    </message>
    <message>
        <source>Header saved: %1: %2</source>
        <translation>En-tête %1 enregistré, valeur&#xa0;: %2</translation>
    </message>
    <message>
        <source>There is no custom header named %1.</source>
        <translation>Aucun en-tête personnalisé ne s’appelle %1.</translation>
    </message>
    <message>
        <source>Header removed: %1</source>
        <translation>En-tête supprimé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Digest: off, one message per notification</source>
        <translation>Résumé&#xa0;: non, un message par notification</translation>
    </message>
    <message>
        <source>Digest: off for this format, one message per notification</source>
        <translation>Résumé&#xa0;: non pour ce format, un message par notification</translation>
    </message>
    <message>
        <source>Digest: on, notifications falling due within %1 s go as one message</source>
        <extracomment>%1 is a number of seconds</extracomment>
        <translation>Résumé&#xa0;: oui, les notifications qui arrivent à échéance dans un délai de %1&#xa0;s partent en un seul message</translation>
    </message>
    <message>
        <source>Digest: on for this format, notifications falling due within %1 s go as one message</source>
        <translation>Résumé&#xa0;: oui pour ce format, les notifications qui arrivent à échéance dans un délai de %1&#xa0;s partent en un seul message</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>Endpoint sections</source>
        <translation>Sections du point d’envoi</translation>
    </message>
    <message>
        <source>E&amp;ndpoint</source>
        <translation>Point d’&amp;envoi</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Endpoint name</source>
        <translation>Nom du point d’envoi</translation>
    </message>
    <message>
        <source>U&amp;RL:</source>
        <translation>&amp;URL&#xa0;:</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>URL du point d’envoi</translation>
    </message>
    <message>
        <source>https://discord.com/api/webhooks/…</source>
        <translation>https://discord.com/api/webhooks/…</translation>
    </message>
    <message>
        <source>Payload f&amp;ormat:</source>
        <translation>F&amp;ormat des messages&#xa0;:</translation>
    </message>
    <message>
        <source>Payload format</source>
        <translation>Format des messages</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Délai d’attente&#xa0;:</translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation>Délai d’attente en secondes</translation>
    </message>
    <message>
        <source>Ena&amp;bled: send notifications to this endpoint</source>
        <translation>&amp;Activé&#xa0;: envoyer les notifications à ce point d’envoi</translation>
    </message>
    <message>
        <source>Events notified</source>
        <translation>Événements notifiés</translation>
    </message>
    <message>
        <source>The account events this endpoint is notified of. Test notifications go to the endpoint tested only.</source>
        <translation>Les événements de compte notifiés à ce point d’envoi. Les notifications de test ne vont qu’au point d’envoi testé.</translation>
    </message>
    <message>
        <source>Messa&amp;ges</source>
        <translation>Messa&amp;ges</translation>
    </message>
    <message>
        <source>E&amp;vent:</source>
        <translation>É&amp;vénement&#xa0;:</translation>
    </message>
    <message>
        <source>Event whose message is edited</source>
        <translation>Événement dont le message est modifié</translation>
    </message>
    <message>
        <source>Message te&amp;xt:</source>
        <translation>Te&amp;xte du message&#xa0;:</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>Modèle de message</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Aperçu&#xa0;:</translation>
    </message>
    <message>
        <source>Preview of the request body</source>
        <translation>Aperçu du corps de la requête</translation>
    </message>
    <message>
        <source>Sec&amp;urity</source>
        <translation>Sé&amp;curité</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>When a secret is set, every request carries a webhook-signature header (Standard Webhooks), so the receiver can check that it comes from Crochet.</source>
        <translation>Quand un secret est défini, chaque requête porte un en-tête webhook-signature (Standard Webhooks)&#xa0;: le destinataire peut ainsi vérifier qu’elle provient de Crochet.</translation>
    </message>
    <message>
        <source>Signing secre&amp;t:</source>
        <translation>Secre&amp;t de signature&#xa0;:</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Secret de signature</translation>
    </message>
    <message>
        <source>Sh&amp;ow</source>
        <translation>Affic&amp;her</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>C&amp;opier</translation>
    </message>
    <message>
        <source>Gene&amp;rate a secret</source>
        <translation>Générer un &amp;secret</translation>
    </message>
    <message>
        <source>Sto&amp;p signing</source>
        <translation>Ne &amp;plus signer</translation>
    </message>
    <message>
        <source>Custom headers</source>
        <translation>En-têtes personnalisés</translation>
    </message>
    <message>
        <source>Custom headers sent &amp;with every request, for example Authorization: Bearer …. Saved values are masked.</source>
        <translation>En-têtes personnalisés envoyés &amp;dans chaque requête, par exemple «&#xa0;Authorization&#xa0;» avec la valeur «&#xa0;Bearer …&#xa0;». Les valeurs enregistrées sont masquées.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>&amp;Add a header</source>
        <translation>A&amp;jouter un en-tête</translation>
    </message>
    <message>
        <source>Re&amp;move the header</source>
        <translation>Suppr&amp;imer l’en-tête</translation>
    </message>
    <message>
        <source>No URL: nothing is sent to the main endpoint.</source>
        <translation>Aucune URL&#xa0;: rien n’est envoyé au point d’envoi principal.</translation>
    </message>
    <message>
        <source>Enter the webhook&apos;s URL.</source>
        <translation>Saisissez l’URL du webhook.</translation>
    </message>
    <message>
        <source>Disabled after HTTP 410 on %1: the webhook no longer exists on the service. Set a new URL, or tick Enabled to send to this one again.</source>
        <translation>Désactivé après un HTTP 410 le %1&#xa0;: le webhook n’existe plus sur le service. Indiquez une nouvelle URL, ou cochez «&#xa0;Activé&#xa0;» pour envoyer de nouveau à l’URL actuelle.</translation>
    </message>
    <message>
        <source>Empty: the default message, shown in grey, is sent.</source>
        <translation>Vide&#xa0;: le message par défaut, affiché en gris, est envoyé.</translation>
    </message>
    <message>
        <source>The body posted in the %1 format (%2), with a sample account:</source>
        <extracomment>The preview&apos;s caption: %1 is the payload format sent (Discord, JSON…), %2 its Content-Type.</extracomment>
        <translation>Corps envoyé au format %1 (%2), avec un compte d’exemple&#xa0;:</translation>
    </message>
    <message>
        <source>Rotat&amp;e the secret</source>
        <translation>&amp;Renouveler le secret</translation>
    </message>
    <message>
        <source>Requests are not signed.</source>
        <translation>Les requêtes ne sont pas signées.</translation>
    </message>
    <message>
        <source>Requests are signed with this secret. Give it to the receiver so it can check the signatures.</source>
        <translation>Les requêtes sont signées avec ce secret. Communiquez-le au destinataire pour qu’il puisse vérifier les signatures.</translation>
    </message>
    <message>
        <source>The previous secret keeps signing alongside it until %1.</source>
        <translation>L’ancien secret continue de signer en parallèle jusqu’au %1.</translation>
    </message>
    <message>
        <source>The change is saved with the endpoint.</source>
        <translation>La modification sera enregistrée avec le point d’envoi.</translation>
    </message>
    <message>
        <source>Saved value, masked. Type a new value to replace it.</source>
        <translation>Valeur enregistrée, masquée. Saisissez une nouvelle valeur pour la remplacer.</translation>
    </message>
    <message>
        <source>Line %1: give the header a name.</source>
        <translation>Ligne %1&#xa0;: donnez un nom à l’en-tête.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Line %1: the %2 header is already listed.</source>
        <translation>Ligne %1&#xa0;: l’en-tête %2 figure déjà dans la liste.</translation>
    </message>
    <message>
        <source>The endpoint could not be saved; nothing was changed.</source>
        <translation>Impossible d’enregistrer le point d’envoi&#x202f;; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Add an endpoint</source>
        <translation>Ajouter un point d’envoi</translation>
    </message>
    <message>
        <source>Endpoint %1</source>
        <extracomment>Window title: %1 is the endpoint&apos;s name</extracomment>
        <translation>Point d’envoi %1</translation>
    </message>
    <message>
        <source>Duplicate an endpoint</source>
        <translation>Dupliquer un point d’envoi</translation>
    </message>
    <message>
        <source>Placeholders: %1. Write {{ and }} for braces of their own.</source>
        <extracomment>Message templates: the placeholders that can be used, then how to write a brace</extracomment>
        <translation>Champs disponibles&#xa0;: %1. Écrivez {{ et }} pour obtenir une accolade seule.</translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>Unit after the timeout value, in seconds.
----------
Unit after the digest window, in seconds.</extracomment>
        <translation>&#xa0;s</translation>
    </message>
    <message>
        <source>H&amp;ide</source>
        <translation>&amp;Masquer</translation>
    </message>
    <message>
        <source>A new secret; the current one keeps signing alongside it for %1 hours.</source>
        <translation>Un nouveau secret&#x202f;; l’actuel continue de signer en parallèle pendant %1&#xa0;heures.</translation>
    </message>
    <message>
        <source>Removes the secrets: requests are no longer signed.</source>
        <translation>Supprime les secrets&#xa0;: les requêtes ne sont plus signées.</translation>
    </message>
    <message>
        <source>Send as a &amp;digest, waiting</source>
        <translation>Envoyer en &amp;résumé, en attendant</translation>
    </message>
    <message>
        <source>Digest window in seconds</source>
        <translation>Fenêtre du résumé, en secondes</translation>
    </message>
    <message>
        <source>Notifications that fall due within this many seconds go as one message listing the accounts (&quot;12 new users signed up: Ana, Bo, …&quot;), in several when the service&apos;s length limit needs it. One alone, with nothing sent lately, goes at once.</source>
        <translation>Les notifications qui arrivent à échéance dans ce nombre de secondes partent en un seul message qui liste les comptes («&#xa0;12 nouveaux utilisateurs inscrits&#xa0;: Ana, Bo, …&#xa0;»), ou en plusieurs si la limite de longueur du service l’exige. Une notification seule, quand rien n’est parti récemment, part aussitôt.</translation>
    </message>
    <message>
        <source>One message per notification.</source>
        <translation>Un message par notification.</translation>
    </message>
    <message>
        <source>The default for chat services, which accept few messages a minute.</source>
        <translation>Le réglage par défaut pour les services de discussion, qui n’acceptent que peu de messages par minute.</translation>
    </message>
    <message>
        <source>The default for this format.</source>
        <translation>Le réglage par défaut pour ce format.</translation>
    </message>
</context>
<context>
    <name>EndpointStore</name>
    <message>
        <source>An endpoint named &quot;%1&quot; already exists.</source>
        <translation>Un point d’envoi nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>The endpoint %1 comes from the environment variable of that name and cannot be changed here.</source>
        <translation>Le point d’envoi %1 provient de la variable d’environnement du même nom et ne peut pas être modifié ici.</translation>
    </message>
    <message>
        <source>The endpoint could not be saved: %1</source>
        <translation>Impossible d’enregistrer le point d’envoi&#xa0;: %1</translation>
    </message>
    <message>
        <source>This endpoint no longer exists.</source>
        <translation>Ce point d’envoi n’existe plus.</translation>
    </message>
    <message>
        <source>The main endpoint cannot be removed: clear its URL in Settings → General to stop it.</source>
        <translation>Le point d’envoi principal ne peut pas être supprimé&#xa0;: effacez son URL dans Réglages → Général pour ne plus rien lui envoyer.</translation>
    </message>
    <message>
        <source>The endpoint %1 comes from the environment variable of that name: unset it to remove it.</source>
        <translation>Le point d’envoi %1 provient de la variable d’environnement du même nom&#xa0;: retirez cette variable de l’environnement pour le supprimer.</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <source>Account created</source>
        <extracomment>The event of a notification sent when an account is created (user.created)</extracomment>
        <translation>Compte créé</translation>
    </message>
    <message>
        <source>Account updated</source>
        <extracomment>The event of a notification sent when an account&apos;s name, email or role changes (user.updated)</extracomment>
        <translation>Compte modifié</translation>
    </message>
    <message>
        <source>Password reset</source>
        <extracomment>The event of a notification sent when an account&apos;s password is reset (user.password_reset)</extracomment>
        <translation>Mot de passe réinitialisé</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <extracomment>The event of a notification sent when an account is disabled (user.disabled)</extracomment>
        <translation>Compte désactivé</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <extracomment>The event of a notification sent when a disabled account is enabled again (user.enabled)</extracomment>
        <translation>Compte réactivé</translation>
    </message>
    <message>
        <source>Account deleted</source>
        <extracomment>The event of a notification sent when an account is deleted (user.deleted)</extracomment>
        <translation>Compte supprimé</translation>
    </message>
    <message>
        <source>Test notification</source>
        <extracomment>The event of a test notification (webhook.test)</extracomment>
        <translation>Notification de test</translation>
    </message>
</context>
<context>
    <name>GeneralSettingsWidget</name>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Webhook U&amp;RL:</source>
        <translation>URL du &amp;webhook&#xa0;:</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL du webhook</translation>
    </message>
    <message>
        <source>Address that receives a notification whenever an account is created. Leave empty to send none.</source>
        <translation>Adresse qui reçoit une notification à chaque création de compte. Laissez vide pour n’en envoyer aucune.</translation>
    </message>
    <message>
        <source>https://discord.com/api/webhooks/…</source>
        <translation>https://discord.com/api/webhooks/…</translation>
    </message>
    <message>
        <source>Payload f&amp;ormat:</source>
        <translation>F&amp;ormat des messages&#xa0;:</translation>
    </message>
    <message>
        <source>Payload format</source>
        <translation>Format des messages</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Délai d’attente&#xa0;:</translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation>Délai d’attente en secondes</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>E&amp;nregistrer</translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation>Réta&amp;blir</translation>
    </message>
    <message>
        <source>Discard the changes not yet saved</source>
        <translation>Abandonner les modifications non enregistrées</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Sends a test notification to the URL in the field above, even before it is saved.</source>
        <translation>Envoie une notification de test à l’URL saisie ci-dessus, même avant son enregistrement.</translation>
    </message>
    <message>
        <source>Cancel t&amp;est</source>
        <translation>Annuler le &amp;test</translation>
    </message>
    <message>
        <source>Test in progress</source>
        <translation>Test en cours</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Résultat du test</translation>
    </message>
    <message>
        <source>The URL in %1 is not valid: %2</source>
        <translation>L’URL contenue dans %1 n’est pas valide&#xa0;: %2</translation>
    </message>
    <message>
        <source>No webhook: accounts are created without any notification.</source>
        <translation>Aucun webhook&#xa0;: les comptes sont créés sans notification.</translation>
    </message>
    <message>
        <source>Sending the test notification…</source>
        <translation>Envoi de la notification de test…</translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>Unit after the timeout value, in seconds.</extracomment>
        <translation>&#xa0;s</translation>
    </message>
    <message>
        <source>Send test notific&amp;ation</source>
        <translation>En&amp;voyer une notification de test</translation>
    </message>
    <message>
        <source>The settings could not be written to the database; nothing was changed.</source>
        <translation>Les réglages n’ont pas pu être écrits dans la base de données&#x202f;; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The environment variable %1 is set: new accounts are also notified to %2, as an endpoint of its own (see Settings → Webhooks). This field is the main endpoint&apos;s URL.</source>
        <translation>La variable d’environnement %1 est définie&#xa0;: chaque nouveau compte est aussi notifié à %2, en tant que point d’envoi distinct (voir Réglages → Webhooks). Ce champ contient l’URL du point d’envoi principal.</translation>
    </message>
    <message>
        <source>These settings are shared with your team: they are kept in the PostgreSQL database %1, which every administrator&apos;s Crochet uses.</source>
        <translation>Ces réglages sont partagés avec votre équipe&#xa0;: ils sont enregistrés dans la base de données PostgreSQL %1, qu’utilise le Crochet de chaque administrateur.</translation>
    </message>
</context>
<context>
    <name>HelpText</name>
    <message>
        <source>Usage: %1</source>
        <translation>Utilisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Options&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Importer un CSV…</translation>
    </message>
    <message>
        <source>Creates accounts from a CSV file with the columns name, email, password, role</source>
        <translation>Crée des comptes à partir d’un fichier CSV comportant les colonnes name, email, password, role</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progression de l’importation</translation>
    </message>
    <message>
        <source>Cancel i&amp;mport</source>
        <translation>Annuler l’impor&amp;tation</translation>
    </message>
    <message>
        <source>Refused lines</source>
        <translation>Lignes refusées</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Close the repor&amp;t</source>
        <translation>Fermer le &amp;bilan</translation>
    </message>
    <message>
        <source>Hide the result of the last import</source>
        <translation>Masquer le résultat de la dernière importation</translation>
    </message>
    <message>
        <source>Import accounts</source>
        <translation>Importer des comptes</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Importing accounts…</source>
        <translation>Importation des comptes…</translation>
    </message>
    <message>
        <source>Import cancelled; the accounts already created are kept.</source>
        <translation>Importation annulée&#x202f;; les comptes déjà créés sont conservés.</translation>
    </message>
    <message>
        <source>Accounts created: %1.</source>
        <translation>Comptes créés&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Lines refused: %1, listed below.</source>
        <translation>Lignes refusées&#xa0;: %1, listées ci-dessous.</translation>
    </message>
    <message>
        <source>Their notifications are being delivered (see Deliveries).</source>
        <translation>Leurs notifications sont en cours de livraison (voir l’onglet Envois).</translation>
    </message>
    <message>
        <source>No webhook is configured, so no notification was sent.</source>
        <translation>Aucun webhook n’est configuré&#xa0;: aucune notification n’a été envoyée.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Crochet — Administration</source>
        <translation>Crochet — Administration</translation>
    </message>
    <message>
        <source>Administration areas</source>
        <translation>Sections de l’administration</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Utilisateurs</translation>
    </message>
    <message>
        <source>&amp;Deliveries</source>
        <translation>&amp;Envois</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>Réglage&amp;s</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>Langue du &amp;système</translation>
    </message>
    <message>
        <source>&amp;About Crochet</source>
        <translation>À &amp;propos de Crochet</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Réglages enregistrés.</translation>
    </message>
    <message>
        <source>%1 pending, %2 failed</source>
        <extracomment>Status bar: notifications waiting to be delivered, and those given up.</extracomment>
        <translation>%1 en attente, %2 en échec</translation>
    </message>
    <message>
        <source>Notifications waiting to be delivered, and those Crochet gave up on</source>
        <translation>Notifications en attente de livraison, et celles que Crochet a abandonnées</translation>
    </message>
    <message>
        <source>Crochet %1</source>
        <translation>Crochet %1</translation>
    </message>
    <message>
        <source>Local user accounts, and a webhook notification that is never lost for each one created.</source>
        <translation>Des comptes utilisateurs locaux et, pour chaque compte créé, une notification par webhook qui ne se perd jamais.</translation>
    </message>
    <message>
        <source>Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).</source>
        <translation>Licence&#xa0;: GNU General Public License, version 3 ou ultérieure (GPL-3.0-or-later).</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2).</source>
        <translation>Qt %1 (compilé avec Qt %2).</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>Texte de la licence</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>À propos de Qt</translation>
    </message>
    <message>
        <source>About Crochet</source>
        <translation>À propos de Crochet</translation>
    </message>
    <message>
        <source>Unsaved settings</source>
        <translation>Réglages non enregistrés</translation>
    </message>
    <message>
        <source>Some settings were changed but not saved. Quit anyway?</source>
        <translation>Certains réglages ont été modifiés mais pas enregistrés. Quitter quand même&#x202f;?</translation>
    </message>
    <message>
        <source>The settings were not saved.</source>
        <translation>Les réglages n’ont pas été enregistrés.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Qt is a C++ toolkit for cross-platform application development.&lt;/p&gt;&lt;p&gt;Qt is available under commercial licences and under the GNU LGPL and GPL; Crochet uses it under the GNU LGPL version 3. See &lt;a href=&quot;https://www.qt.io/licensing/&quot;&gt;qt.io/licensing&lt;/a&gt; for an overview of Qt licensing.&lt;/p&gt;&lt;p&gt;Copyright (C) The Qt Company Ltd and other contributors. Qt and the Qt logo are trademarks of The Qt Company Ltd.&lt;/p&gt;&lt;p&gt;Qt is The Qt Company Ltd product developed as an open source project. See &lt;a href=&quot;https://www.qt.io/&quot;&gt;qt.io&lt;/a&gt; for more information.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Qt est une boîte à outils C++ pour le développement d’applications multiplateformes.&lt;/p&gt;&lt;p&gt;Qt est disponible sous licences commerciales ainsi que sous les licences GNU LGPL et GPL&#x202f;; Crochet l’utilise sous la licence GNU LGPL version 3. Consultez &lt;a href=&quot;https://www.qt.io/licensing/&quot;&gt;qt.io/licensing&lt;/a&gt; pour un aperçu des licences de Qt.&lt;/p&gt;&lt;p&gt;Copyright (C) The Qt Company Ltd et d’autres contributeurs. Qt et le logo Qt sont des marques de The Qt Company Ltd.&lt;/p&gt;&lt;p&gt;Qt est un produit de The Qt Company Ltd, développé sous la forme d’un projet open source. Consultez &lt;a href=&quot;https://www.qt.io/&quot;&gt;qt.io&lt;/a&gt; pour en savoir plus.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Disabled after HTTP 410 (the webhook no longer exists on the service): %1. Set a new URL in Settings.</source>
        <translation>Désactivé après un HTTP 410 (le webhook n’existe plus sur le service)&#xa0;: %1. Indiquez une nouvelle URL dans les Réglages.</translation>
    </message>
    <message>
        <source>Crochet</source>
        <extracomment>Desktop notification from the notification area, when deliveries were given up.</extracomment>
        <translation>Crochet</translation>
    </message>
    <message>
        <source>Notifications given up on: %1. Open Crochet to see why.</source>
        <translation>Notifications abandonnées&#xa0;: %1. Ouvrez Crochet pour savoir pourquoi.</translation>
    </message>
    <message>
        <source>Delivery handled by the service on %1</source>
        <extracomment>Status bar: a crochet-cli serve process delivers the notifications; %1 is its machine&apos;s name.</extracomment>
        <translation>Livraison assurée par le service sur %1</translation>
    </message>
    <message>
        <source>A delivery service (crochet-cli serve) delivers the notifications, even when this window is closed.</source>
        <translation>Un service de livraison (crochet-cli serve) livre les notifications, même quand cette fenêtre est fermée.</translation>
    </message>
    <message>
        <source>Notifications still pending</source>
        <translation>Notifications encore en attente</translation>
    </message>
    <message>
        <source>Notifications waiting to be delivered: %1. No other Crochet process delivers them.</source>
        <translation>Notifications en attente de livraison&#xa0;: %1. Aucun autre processus Crochet ne les livre.</translation>
    </message>
    <message>
        <source>Crochet can keep delivering them from the notification area. If you quit, they wait until Crochet or its delivery service runs again.</source>
        <translation>Crochet peut continuer à les livrer depuis la zone de notification. Si vous quittez, elles attendront que Crochet ou son service de livraison soit relancé.</translation>
    </message>
    <message>
        <source>Keep delivering in the notification area</source>
        <translation>Continuer la livraison dans la zone de notification</translation>
    </message>
    <message>
        <source>If you quit, they wait until Crochet or its delivery service runs again. To deliver without a window, enable the service: systemctl --user enable --now crochet-delivery</source>
        <translation>Si vous quittez, elles attendront que Crochet ou son service de livraison soit relancé. Pour livrer sans fenêtre, activez le service&#xa0;: systemctl --user enable --now crochet-delivery</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Quitter quand même</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Crochet: %1 pending, %2 failed</source>
        <extracomment>Notification-area tooltip: notifications waiting, and those given up.</extracomment>
        <translation>Crochet&#xa0;: %1 en attente, %2 en échec</translation>
    </message>
    <message>
        <source>Delivery service: running on %1.</source>
        <translation>Service de livraison&#xa0;: actif sur %1.</translation>
    </message>
    <message>
        <source>Delivery service: not running; notifications are delivered while Crochet or crochet-cli runs.</source>
        <translation>Service de livraison&#xa0;: inactif&#x202f;; les notifications sont livrées tant que Crochet ou crochet-cli tourne.</translation>
    </message>
    <message>
        <source>Store: the PostgreSQL database %1, shared with your team.</source>
        <translation>Stockage&#xa0;: la base de données PostgreSQL %1, partagée avec votre équipe.</translation>
    </message>
    <message>
        <source>Store: the SQLite file %1.</source>
        <translation>Stockage&#xa0;: le fichier SQLite %1.</translation>
    </message>
    <message>
        <source>Shared: %1</source>
        <translation>Partagée&#xa0;: %1</translation>
    </message>
    <message>
        <source>PostgreSQL database %1, shared with your team</source>
        <translation>Base de données PostgreSQL %1, partagée avec votre équipe</translation>
    </message>
    <message>
        <source>SQLite file %1</source>
        <translation>Fichier SQLite %1</translation>
    </message>
</context>
<context>
    <name>MessageTemplate</name>
    <message>
        <source>The brace at position %1 (&quot;%2&quot;) is never closed: write {{ for a brace of its own.</source>
        <extracomment>%1 is the position (counted from 1) of a &quot;{&quot; that no &quot;}&quot; closes in a message template, %2 the text from there</extracomment>
        <translation>L’accolade en position %1 («&#xa0;%2&#xa0;») n’est jamais fermée&#xa0;: écrivez {{ pour obtenir une accolade seule.</translation>
    </message>
    <message>
        <source>Unknown placeholder {%1}: use %2, or {{ and }} for braces of their own.</source>
        <extracomment>%1 is what a message template has between braces, %2 the list of placeholders</extracomment>
        <translation>Champ {%1} inconnu&#xa0;: utilisez %2, ou {{ et }} pour obtenir des accolades seules.</translation>
    </message>
    <message>
        <source>The brace at position %1 (&quot;%2&quot;) closes nothing: write }} for a brace of its own.</source>
        <extracomment>%1 is the position (counted from 1) of a &quot;}&quot; that opens nothing in a message template, %2 the text up to it</extracomment>
        <translation>L’accolade en position %1 («&#xa0;%2&#xa0;») ne ferme rien&#xa0;: écrivez }} pour obtenir une accolade seule.</translation>
    </message>
    <message>
        <source>New user signed up: {name}</source>
        <extracomment>The default message posted when an account is created: Open WebUI&apos;s wording. Keep {name} as it is.</extracomment>
        <translation>Nouvel utilisateur inscrit&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Account updated: {name} ({changes})</source>
        <extracomment>The default message posted when an account changes. Keep {name} and {changes} as they are.</extracomment>
        <translation>Compte modifié&#xa0;: {name} ({changes})</translation>
    </message>
    <message>
        <source>Password reset: {name}</source>
        <extracomment>The default message posted when an account&apos;s password is reset. Keep {name} as it is.</extracomment>
        <translation>Mot de passe réinitialisé&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Account disabled: {name}</source>
        <extracomment>The default message posted when an account is disabled. Keep {name} as it is.</extracomment>
        <translation>Compte désactivé&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Account enabled: {name}</source>
        <extracomment>The default message posted when an account is enabled again. Keep {name} as it is.</extracomment>
        <translation>Compte réactivé&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Account deleted: {name}</source>
        <extracomment>The default message posted when an account is deleted. Keep {name} as it is.</extracomment>
        <translation>Compte supprimé&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Test notification from Crochet: the webhook works.</source>
        <translation>Notification de test de Crochet&#xa0;: le webhook fonctionne.</translation>
    </message>
    <message>
        <source>The message is too long: %1 characters at most.</source>
        <translation>Le message est trop long&#xa0;: %1&#xa0;caractères au maximum.</translation>
    </message>
</context>
<context>
    <name>NetworkOptions</name>
    <message>
        <source>Cannot read the certificate file %1.</source>
        <translation>Impossible de lire le fichier de certificat %1.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 ne contient aucun certificat PEM.</translation>
    </message>
    <message>
        <source>public addresses only, and %1 has no address</source>
        <translation>adresses publiques uniquement, et %1 n’a aucune adresse</translation>
    </message>
    <message>
        <source>only the listed hosts (%1), and %2 is not one of them</source>
        <translation>uniquement les hôtes listés (%1), et %2 n’en fait pas partie</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a proxy URL; write it as http://host:port or socks5://host:port.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une URL de proxy&#x202f;; écrivez-la sous la forme http://hôte:port ou socks5://hôte:port.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an address range such as 10.0.0.0/8 or fd00::/8.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une plage d’adresses comme 10.0.0.0/8 ou fd00::/8.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name, an address or an address range.</source>
        <translation>«&#xa0;%1&#xa0;» n’est ni un nom d’hôte, ni une adresse, ni une plage d’adresses.</translation>
    </message>
    <message>
        <source>public addresses only, and %1 is a private, loopback or reserved address</source>
        <translation>adresses publiques uniquement, et %1 est une adresse privée, de bouclage ou réservée</translation>
    </message>
    <message>
        <source>public addresses only, and %1 resolves to %2, a private, loopback or reserved address</source>
        <translation>adresses publiques uniquement, et %1 est résolu en %2, une adresse privée, de bouclage ou réservée</translation>
    </message>
</context>
<context>
    <name>NetworkSettingsWidget</name>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>&amp;Proxy URL:</source>
        <translation>URL du pr&amp;oxy&#xa0;:</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>URL du proxy</translation>
    </message>
    <message>
        <source>Empty: the system&apos;s proxy settings (HTTPS_PROXY, NO_PROXY)</source>
        <translation>Vide&#xa0;: réglages du proxy du système (HTTPS_PROXY, NO_PROXY)</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Certificates are always verified. To reach an internal receiver, trust the certificate of the authority that signed it (a PEM file).</source>
        <translation>Les certificats sont toujours vérifiés. Pour joindre un destinataire interne, déclarez de confiance le certificat de l’autorité qui a signé le sien (un fichier PEM).</translation>
    </message>
    <message>
        <source>Extra CA cer&amp;tificate:</source>
        <translation>Cer&amp;tificat d’AC supplémentaire&#xa0;:</translation>
    </message>
    <message>
        <source>Extra CA certificate file</source>
        <translation>Fichier du certificat d’AC supplémentaire</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Allowed hosts</source>
        <translation>Hôtes autorisés</translation>
    </message>
    <message>
        <source>Send t&amp;o:</source>
        <translation>En&amp;voyer à&#xa0;:</translation>
    </message>
    <message>
        <source>Allowed hosts policy</source>
        <translation>Règle des hôtes autorisés</translation>
    </message>
    <message>
        <source>Host l&amp;ist:</source>
        <translation>L&amp;iste des hôtes&#xa0;:</translation>
    </message>
    <message>
        <source>Allowed hosts and address ranges</source>
        <translation>Hôtes et plages d’adresses autorisés</translation>
    </message>
    <message>
        <source>hooks.example.com, 10.0.0.0/8</source>
        <translation>hooks.example.com, 10.0.0.0/8</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>E&amp;nregistrer</translation>
    </message>
    <message>
        <source>Rev&amp;ert</source>
        <translation>Réta&amp;blir</translation>
    </message>
    <message>
        <source>Discard the changes not yet saved</source>
        <translation>Abandonner les modifications non enregistrées</translation>
    </message>
    <message>
        <source>Trust a CA certificate</source>
        <translation>Choisir un certificat d’AC de confiance</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Any host</source>
        <translation>N’importe quel hôte</translation>
    </message>
    <message>
        <source>Public addresses only</source>
        <translation>Adresses publiques uniquement</translation>
    </message>
    <message>
        <source>Only the hosts listed below</source>
        <translation>Uniquement les hôtes listés ci-dessous</translation>
    </message>
    <message>
        <source>The system&apos;s proxy settings are used.</source>
        <translation>Les réglages du proxy du système sont utilisés.</translation>
    </message>
    <message>
        <source>Certificates this file adds to the trusted ones: %1.</source>
        <translation>Certificats de confiance ajoutés par ce fichier&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Addresses are checked after name resolution: loopback, private and link-local addresses are refused.</source>
        <translation>Les adresses sont vérifiées après la résolution des noms&#xa0;: les adresses de bouclage, privées et locales au lien sont refusées.</translation>
    </message>
    <message>
        <source>List at least one host or address range.</source>
        <translation>Indiquez au moins un hôte ou une plage d’adresses.</translation>
    </message>
    <message>
        <source>The settings could not be written to the database; nothing was changed.</source>
        <translation>Les réglages n’ont pas pu être écrits dans la base de données&#x202f;; rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>Notification</name>
    <message>
        <source>name</source>
        <extracomment>{changes} in a notification message: the account&apos;s name changed</extracomment>
        <translation>nom</translation>
    </message>
    <message>
        <source>email</source>
        <extracomment>{changes} in a notification message: the account&apos;s email address changed</extracomment>
        <translation>courriel</translation>
    </message>
    <message>
        <source>role</source>
        <extracomment>{changes} in a notification message: the account&apos;s role changed</extracomment>
        <translation>rôle</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <extracomment>One change in {changes}: %1 the field, %2 the old value, %3 the new one</extracomment>
        <translation>%1&#xa0;: %2 → %3</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <source>Sent in a digest of %1 with %2</source>
        <extracomment>%1 how many notifications one message carried (2 or more), %2 some of the other accounts (&quot;Ana, Bo, …&quot;)</extracomment>
        <translation>Envoyée dans un résumé de %1 avec %2</translation>
    </message>
</context>
<context>
    <name>PasswordResetDialog</name>
    <message>
        <source>New password for %1</source>
        <extracomment>Title of the dialog that sets a new password; %1 is the account&apos;s name</extracomment>
        <translation>Nouveau mot de passe pour %1</translation>
    </message>
    <message>
        <source>The account %1 &lt;%2&gt; gets a new password. The endpoints subscribed to &quot;Password reset&quot; are notified, without the password.</source>
        <translation>Le compte %1 &lt;%2&gt; reçoit un nouveau mot de passe. Les points d’envoi abonnés à «&#xa0;Mot de passe réinitialisé&#xa0;» sont prévenus, sans que le mot de passe leur soit transmis.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Confirm:</source>
        <translation>&amp;Confirmer&#xa0;:</translation>
    </message>
    <message>
        <source>Hashing the password…</source>
        <translation>Hachage du mot de passe…</translation>
    </message>
</context>
<context>
    <name>PayloadBuilder</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
</context>
<context>
    <name>PayloadFormat</name>
    <message>
        <source>Auto</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>Google Chat</source>
        <translation>Google Chat</translation>
    </message>
    <message>
        <source>Microsoft Teams</source>
        <translation>Microsoft Teams</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>Auto chooses the format from the URL&apos;s host.</source>
        <translation>En mode Automatique, le format est choisi d’après l’hôte de l’URL.</translation>
    </message>
    <message>
        <source>Auto uses the %1 format for this URL.</source>
        <extracomment>%1 is a payload format, such as Discord or JSON.</extracomment>
        <translation>En mode Automatique, le format %1 est utilisé pour cette URL.</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>&lt;h3&gt;About Qt&lt;/h3&gt;&lt;p&gt;This program uses Qt version %1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;À propos de Qt&lt;/h3&gt;&lt;p&gt;Ce programme utilise la version %1 de Qt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>User</source>
        <extracomment>An account&apos;s role (user)</extracomment>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Administrator</source>
        <extracomment>An account&apos;s role (admin)</extracomment>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>An account&apos;s role (pending): waiting for an administrator&apos;s approval</extracomment>
        <translation>En attente</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>Deliver notifications in the background, as a service.</source>
        <translation>Livrer les notifications en arrière-plan, comme un service.</translation>
    </message>
    <message>
        <source>Deliver notifications until stopped (SIGTERM or SIGINT), then finish the requests on the wire, give the others back and exit 0. With --once, deliver what is due now and exit: 0 when all of it was delivered, 1 otherwise.</source>
        <translation>Livre les notifications jusqu’à l’arrêt (SIGTERM ou SIGINT), puis termine les requêtes en cours, rend les autres et sort avec le code 0. Avec --once, livre ce qui est dû maintenant puis sort&#xa0;: 0 si tout a été livré, 1 sinon.</translation>
    </message>
    <message>
        <source>Deliver what is due now, then exit (for cron).</source>
        <translation>Livrer ce qui est dû maintenant, puis sortir (pour cron).</translation>
    </message>
    <message>
        <source>With --once, stop waiting after this many seconds (default %1).</source>
        <translation>Avec --once, cesser d’attendre après ce nombre de secondes (%1 par défaut).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>The timeout must be a whole number of seconds above 0.</source>
        <translation>Le délai doit être un nombre entier de secondes supérieur à 0.</translation>
    </message>
    <message>
        <source>--timeout only goes with --once.</source>
        <translation>--timeout ne s’emploie qu’avec --once.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; answered 410 Gone: it is disabled, and its notifications are held until it has a new URL or is enabled again.</source>
        <translation>Le point d’envoi «&#xa0;%1&#xa0;» a répondu 410 Gone&#xa0;: il est désactivé, et ses notifications sont retenues jusqu’à ce qu’il ait une nouvelle URL ou soit réactivé.</translation>
    </message>
    <message>
        <source>The database is reachable again.</source>
        <translation>La base de données est de nouveau accessible.</translation>
    </message>
    <message>
        <source>The database is unreachable: %1</source>
        <translation>La base de données est inaccessible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Started: Crochet %1, worker %2 on %3 (process %4), database %5.</source>
        <translation>Démarré&#xa0;: Crochet %1, livreur %2 sur %3 (processus %4), base de données %5.</translation>
    </message>
    <message>
        <source>Nothing is due.</source>
        <translation>Rien n’est dû.</translation>
    </message>
    <message>
        <source>The time given to --once ran out.</source>
        <translation>Le temps accordé à --once est écoulé.</translation>
    </message>
    <message>
        <source>Delivered: %1, to be retried: %2, failed: %3, still due: %4</source>
        <translation>Livrées&#xa0;: %1, à réessayer&#xa0;: %2, en échec&#xa0;: %3, encore dues&#xa0;: %4</translation>
    </message>
    <message>
        <source>Stopping on %1: requests on the wire finish within their timeout, the others are given back.</source>
        <translation>Arrêt sur %1&#xa0;: les requêtes en cours se terminent dans leur délai, les autres sont rendues.</translation>
    </message>
    <message>
        <source>Stopped with %1 requests unanswered; they are sent again once their lease runs out.</source>
        <translation>Arrêté avec %1 requêtes sans réponse&#x202f;; elles seront renvoyées à l’expiration de leur bail.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(supprimé)</translation>
    </message>
    <message>
        <source>Delivered %1 (%2) to &quot;%3&quot;, attempt %4: %5</source>
        <extracomment>Service log: notification id, event key, endpoint name, attempt number, how it went.</extracomment>
        <translation>%1 (%2) livrée à «&#xa0;%3&#xa0;», tentative %4&#xa0;: %5</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 (%3) to &quot;%4&quot; failed: %5 Next attempt at %6.</source>
        <translation>Échec de la tentative %1 pour %2 (%3) vers «&#xa0;%4&#xa0;»&#xa0;: %5 Prochaine tentative à %6.</translation>
    </message>
    <message>
        <source>Gave up on %1 (%2) to &quot;%3&quot; after attempt %4: %5</source>
        <translation>Abandon de %1 (%2) vers «&#xa0;%3&#xa0;» après la tentative %4&#xa0;: %5</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings sections</source>
        <translation>Sections des réglages</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Général</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>&amp;Réseau</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
</context>
<context>
    <name>UserActions</name>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Change the account&apos;s name, email address or role (F2)</source>
        <translation>Modifier le nom, l’adresse électronique ou le rôle du compte (F2)</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Réinitialiser le mot de passe…</translation>
    </message>
    <message>
        <source>Give the account a new password</source>
        <translation>Donner un nouveau mot de passe au compte</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>Disable the selected accounts; they are kept</source>
        <translation>Désactiver les comptes sélectionnés&#x202f;; ils sont conservés</translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation>Ré&amp;activer</translation>
    </message>
    <message>
        <source>Enable the selected accounts again</source>
        <translation>Réactiver les comptes sélectionnés</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Delete the selected accounts, after a confirmation (Delete)</source>
        <translation>Supprimer les comptes sélectionnés, après confirmation (Suppr)</translation>
    </message>
    <message numerus="yes">
        <source>Delete accounts</source>
        <translation>
            <numerusform>Supprimer le compte</numerusform>
            <numerusform>Supprimer les comptes</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the account %1?</source>
        <translation>Supprimer le compte %1&#x202f;?</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n accounts?</source>
        <translation>
            <numerusform>Supprimer %n compte&#x202f;?</numerusform>
            <numerusform>Supprimer ces %n comptes&#x202f;?</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone. The endpoints subscribed to &quot;Account deleted&quot; are notified.</source>
        <translation>Cette action est irréversible. Les points d’envoi abonnés à «&#xa0;Compte supprimé&#xa0;» sont prévenus.</translation>
    </message>
    <message numerus="yes">
        <source>Delete</source>
        <translation>
            <numerusform>Supprimer</numerusform>
            <numerusform>Supprimer</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n accounts disabled.</source>
        <translation>
            <numerusform>%n compte désactivé.</numerusform>
            <numerusform>%n comptes désactivés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accounts enabled.</source>
        <translation>
            <numerusform>%n compte réactivé.</numerusform>
            <numerusform>%n comptes réactivés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accounts deleted.</source>
        <translation>
            <numerusform>%n compte supprimé.</numerusform>
            <numerusform>%n comptes supprimés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change for %1.</source>
        <translation>Rien à modifier pour %1.</translation>
    </message>
    <message>
        <source>Account updated: %1; %2</source>
        <extracomment>%1 the account, %2 its changes (&quot;name: Ada → Ada L., role: User → Administrator&quot;)</extracomment>
        <translation>Compte modifié&#xa0;: %1&#x202f;; %2</translation>
    </message>
    <message>
        <source>Password changed: %1</source>
        <translation>Mot de passe modifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>Account disabled: %1</source>
        <translation>Compte désactivé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Account enabled: %1</source>
        <translation>Compte réactivé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Account deleted: %1</source>
        <translation>Compte supprimé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>UserCommand</name>
    <message>
        <source>The account&apos;s name.</source>
        <translation>Le nom du compte.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>The account&apos;s email address, unique whatever its case.</source>
        <translation>L’adresse électronique du compte, unique sans distinction de casse.</translation>
    </message>
    <message>
        <source>email</source>
        <translation>courriel</translation>
    </message>
    <message>
        <source>user, admin or pending; pending when no password is given, user otherwise.</source>
        <translation>user, admin ou pending (en attente)&#x202f;; pending si aucun mot de passe n’est fourni, user sinon.</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rôle</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input. Without it the account has no password and must be pending.</source>
        <translation>Lire le mot de passe sur la première ligne de l’entrée standard. Sans cette option, le compte n’a pas de mot de passe et doit avoir le rôle pending.</translation>
    </message>
    <message>
        <source>Create an account, then wait for the first attempt to notify the webhook and show its outcome.</source>
        <translation>Créer un compte, puis attendre la première tentative de notification du webhook et en afficher le résultat.</translation>
    </message>
    <message>
        <source>Create accounts from a CSV file with the header row name,email,password,role; an empty password makes a pending account.</source>
        <translation>Créer des comptes à partir d’un fichier CSV dont la ligne d’en-tête est name,email,password,role&#x202f;; un mot de passe vide crée un compte pending.</translation>
    </message>
    <message>
        <source>FILE.csv</source>
        <translation>FICHIER.csv</translation>
    </message>
    <message>
        <source>The CSV file to import.</source>
        <translation>Le fichier CSV à importer.</translation>
    </message>
    <message>
        <source>Both --%1 and --%2 are required.</source>
        <translation>Les options --%1 et --%2 sont toutes deux obligatoires.</translation>
    </message>
    <message>
        <source>The account was not created.</source>
        <translation>Le compte n’a pas été créé.</translation>
    </message>
    <message>
        <source>Account created: %1 &lt;%2&gt;, role %3, id %4</source>
        <translation>Compte créé&#xa0;: %1 &lt;%2&gt;, rôle %3, identifiant %4</translation>
    </message>
    <message>
        <source>No webhook is configured: no notification to send.</source>
        <translation>Aucun webhook n’est configuré&#xa0;: aucune notification à envoyer.</translation>
    </message>
    <message>
        <source>The account exists and its notification stays in the outbox: it is retried from %1 by any running Crochet, or run &quot;%2 deliveries flush&quot;.</source>
        <translation>Le compte existe et sa notification reste dans la file d’envoi&#xa0;: tout processus Crochet actif la retentera à partir du %1, ou lancez «&#xa0;%2 deliveries flush&#xa0;».</translation>
    </message>
    <message>
        <source>The account exists, but its notification will not be retried; see &quot;%1 deliveries show %2&quot;.</source>
        <translation>Le compte existe, mais sa notification ne sera pas retentée&#x202f;; consultez «&#xa0;%1 deliveries show %2&#xa0;».</translation>
    </message>
    <message>
        <source>Accounts created: %1</source>
        <translation>Comptes créés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Rows refused: %1</source>
        <translation>Lignes refusées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Notifications: %1 delivered, %2 to be retried, %3 failed, %4 not attempted yet.</source>
        <translation>Notifications livrées&#xa0;: %1, à retenter&#xa0;: %2, en échec&#xa0;: %3, pas encore tentées&#xa0;: %4.</translation>
    </message>
    <message>
        <source>What is still pending is delivered by the next running Crochet, or run &quot;%1 deliveries flush&quot;.</source>
        <translation>Ce qui reste en attente sera livré par le prochain processus Crochet actif, ou lancez «&#xa0;%1 deliveries flush&#xa0;».</translation>
    </message>
    <message>
        <source>Some notifications failed for good; see &quot;%1 deliveries list --status failed&quot;.</source>
        <translation>Certaines notifications ont définitivement échoué&#x202f;; consultez «&#xa0;%1 deliveries list --status failed&#xa0;».</translation>
    </message>
    <message>
        <source>The password read from standard input is not valid UTF-8.</source>
        <translation>Le mot de passe lu sur l’entrée standard n’est pas de l’UTF-8 valide.</translation>
    </message>
    <message>
        <source>List the accounts, oldest first, one a line: id, name, email, role, creation time, state (tab-separated).</source>
        <translation>Lister les comptes, du plus ancien au plus récent, un par ligne&#xa0;: identifiant, nom, adresse électronique, rôle, date de création, état (séparés par des tabulations).</translation>
    </message>
    <message>
        <source>Only the accounts whose name or email contains this text, whatever its case and accents.</source>
        <translation>Uniquement les comptes dont le nom ou l’adresse électronique contient ce texte, sans tenir compte de la casse ni des accents.</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>Print a JSON array of objects with the keys id, name, email, role, state and created_at.</source>
        <translation>Afficher un tableau JSON d’objets ayant les clés id, name, email, role, state et created_at.</translation>
    </message>
    <message>
        <source>The webhook &quot;%1&quot;</source>
        <translation>Le webhook «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>The webhook</source>
        <translation>Le webhook</translation>
    </message>
    <message>
        <source>%1 was not notified within %2 s. The notification stays in the outbox: the next running Crochet delivers it, or run &quot;%3 deliveries flush&quot;.</source>
        <translation>%1 n’a pas été notifié dans les %2&#xa0;s. La notification reste dans la file d’envoi&#xa0;: le prochain processus Crochet actif la livrera, ou lancez «&#xa0;%3 deliveries flush&#xa0;».</translation>
    </message>
    <message>
        <source>%1 was notified: %2</source>
        <extracomment>%1 is &quot;The webhook&quot; or &quot;The webhook &quot;Name&quot;&quot;, %2 the outcome</extracomment>
        <translation>%1 a été notifié&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 was not notified: %2</source>
        <translation>%1 n’a pas été notifié&#xa0;: %2</translation>
    </message>
    <message>
        <source>No endpoint is subscribed to %1: no notification to send.</source>
        <extracomment>%1 is an event key such as user.updated</extracomment>
        <translation>Aucun point d’envoi n’est abonné à %1&#xa0;: aucune notification à envoyer.</translation>
    </message>
    <message>
        <source>The change is saved and its notification stays in the outbox: it is retried from %1 by any running Crochet, or run &quot;%2 deliveries flush&quot;.</source>
        <translation>La modification est enregistrée et sa notification reste dans la file d’envoi&#xa0;: tout processus Crochet actif la retentera à partir du %1, ou lancez «&#xa0;%2 deliveries flush&#xa0;».</translation>
    </message>
    <message>
        <source>The change is saved, but its notification will not be retried; see &quot;%1 deliveries show %2&quot;.</source>
        <translation>La modification est enregistrée, mais sa notification ne sera pas retentée&#x202f;; consultez «&#xa0;%1 deliveries show %2&#xa0;».</translation>
    </message>
    <message>
        <source>Create, list, show, edit, disable, enable and delete local accounts; each change notifies the endpoints subscribed to it.</source>
        <translation>Créer, lister, afficher, modifier, désactiver, réactiver et supprimer les comptes locaux&#x202f;; chaque modification prévient les points d’envoi abonnés à son événement.</translation>
    </message>
    <message>
        <source>ID|EMAIL</source>
        <translation>IDENTIFIANT|COURRIEL</translation>
    </message>
    <message>
        <source>The account&apos;s id, or its email address.</source>
        <translation>L’identifiant du compte, ou son adresse électronique.</translation>
    </message>
    <message>
        <source>Print the account as a JSON object.</source>
        <translation>Afficher le compte sous la forme d’un objet JSON.</translation>
    </message>
    <message>
        <source>Delete without asking (required when standard input is not a terminal).</source>
        <translation>Supprimer sans demander de confirmation (obligatoire quand l’entrée standard n’est pas un terminal).</translation>
    </message>
    <message>
        <source>The new name.</source>
        <translation>Le nouveau nom.</translation>
    </message>
    <message>
        <source>The new email address, unique whatever its case.</source>
        <translation>La nouvelle adresse électronique, unique sans distinction de casse.</translation>
    </message>
    <message>
        <source>The new role: user, admin or pending.</source>
        <translation>Le nouveau rôle&#xa0;: user, admin ou pending.</translation>
    </message>
    <message>
        <source>Read the new password from the first line of standard input (required).</source>
        <translation>Lire le nouveau mot de passe sur la première ligne de l’entrée standard (obligatoire).</translation>
    </message>
    <message>
        <source>Show an account: id, name, email, role, state, whether it has a password, creation and change times.</source>
        <translation>Afficher un compte&#xa0;: identifiant, nom, adresse électronique, rôle, état, présence d’un mot de passe, dates de création et de modification.</translation>
    </message>
    <message>
        <source>Change an account&apos;s name, email address or role; prints each change and notifies the endpoints subscribed to user.updated.</source>
        <translation>Modifier le nom, l’adresse électronique ou le rôle d’un compte&#x202f;; affiche chaque modification et prévient les points d’envoi abonnés à user.updated.</translation>
    </message>
    <message>
        <source>Set a new password, read from standard input; the notification (user.password_reset) carries no secret.</source>
        <translation>Donner un nouveau mot de passe, lu sur l’entrée standard&#x202f;; la notification (user.password_reset) ne contient aucun secret.</translation>
    </message>
    <message>
        <source>Disable an account (user.disabled); its data is kept.</source>
        <translation>Désactiver un compte (user.disabled)&#x202f;; ses données sont conservées.</translation>
    </message>
    <message>
        <source>Enable a disabled account again (user.enabled).</source>
        <translation>Réactiver un compte désactivé (user.enabled).</translation>
    </message>
    <message>
        <source>Delete an account (user.deleted, whose payload keeps its last name, email and role); asks first unless --yes is given.</source>
        <translation>Supprimer un compte (user.deleted, dont le message conserve ses derniers nom, adresse électronique et rôle)&#x202f;; demande une confirmation, sauf avec --yes.</translation>
    </message>
    <message>
        <source>No account has the id or email address &quot;%1&quot;.</source>
        <translation>Aucun compte n’a l’identifiant ou l’adresse électronique «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Role</source>
        <extracomment>%1 the role&apos;s name, %2 its key (user, admin, pending)</extracomment>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>Password</source>
        <extracomment>user show: the account has no password (a pending account)</extracomment>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>set</source>
        <translation>défini</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Give at least one of --%1, --%2 and --%3.</source>
        <translation>Indiquez au moins l’une des options --%1, --%2 ou --%3.</translation>
    </message>
    <message>
        <source>The account was not changed.</source>
        <translation>Le compte n’a pas été modifié.</translation>
    </message>
    <message>
        <source>--%1 is required: the password is never given on the command line.</source>
        <translation>L’option --%1 est obligatoire&#xa0;: le mot de passe n’est jamais donné sur la ligne de commande.</translation>
    </message>
    <message>
        <source>The password was not changed.</source>
        <translation>Le mot de passe n’a pas été modifié.</translation>
    </message>
    <message>
        <source>Standard input is not a terminal to confirm the deletion: add --%1 to delete %2 &lt;%3&gt;.</source>
        <translation>L’entrée standard n’est pas un terminal, la suppression ne peut donc pas être confirmée&#xa0;: ajoutez --%1 pour supprimer %2 &lt;%3&gt;.</translation>
    </message>
    <message>
        <source>Delete the account %1 &lt;%2&gt;? [y/N]</source>
        <extracomment>The answer expected is &quot;y&quot; or &quot;yes&quot;, or their translation</extracomment>
        <translation>Supprimer le compte %1 &lt;%2&gt;&#x202f;? [o/N]</translation>
    </message>
    <message>
        <source>y|yes</source>
        <extracomment>Answers to &quot;Delete the account …? [y/N]&quot;, in lower case, separated by |</extracomment>
        <translation>o|oui</translation>
    </message>
    <message>
        <source>The account was not deleted.</source>
        <translation>Le compte n’a pas été supprimé.</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>The account %1 is already disabled: nothing was changed.</source>
        <translation>Le compte %1 est déjà désactivé&#xa0;: rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The account %1 is already enabled: nothing was changed.</source>
        <translation>Le compte %1 est déjà actif&#xa0;: rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The account %1 already has these values: nothing was changed.</source>
        <translation>Le compte %1 a déjà ces valeurs&#xa0;: rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Account updated: %1; %2</source>
        <extracomment>%1 the account, %2 its changes (&quot;name: Ada → Ada L., role: User → Administrator&quot;)</extracomment>
        <translation>Compte modifié&#xa0;: %1&#x202f;; %2</translation>
    </message>
    <message>
        <source>Password changed: %1</source>
        <translation>Mot de passe modifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>Account disabled: %1</source>
        <translation>Compte désactivé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Account enabled: %1</source>
        <translation>Compte réactivé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Account deleted: %1, id %2</source>
        <translation>Compte supprimé&#xa0;: %1, identifiant %2</translation>
    </message>
    <message>
        <source>none</source>
        <comment>password</comment>
        <translation>aucun</translation>
    </message>
    <message>
        <source>%1:</source>
        <extracomment>user show: a label before its value; %1 the label</extracomment>
        <translation>%1&#xa0;:</translation>
    </message>
</context>
<context>
    <name>UserEditDialog</name>
    <message>
        <source>Edit %1</source>
        <extracomment>Title of the dialog that edits an account; %1 is its name</extracomment>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>C&amp;ourriel&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle&#xa0;:</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>UserForm</name>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>C&amp;ourriel&#xa0;:</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>C&amp;onfirm password:</source>
        <translation>Confirmer le mot &amp;de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Confirmation du mot de passe</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle&#xa0;:</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Créer le compte</translation>
    </message>
    <message>
        <source>Account creation result</source>
        <translation>Résultat de la création du compte</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>Création du compte…</translation>
    </message>
    <message>
        <source>Account “%1” created.</source>
        <translation>Compte «&#xa0;%1&#xa0;» créé.</translation>
    </message>
    <message>
        <source>No webhook is configured, so no notification was sent.</source>
        <translation>Aucun webhook n’est configuré&#xa0;: aucune notification n’a été envoyée.</translation>
    </message>
    <message>
        <source>Set up the webhook</source>
        <translation>Configurer le webhook</translation>
    </message>
    <message>
        <source>Sending the notification…</source>
        <translation>Envoi de la notification…</translation>
    </message>
    <message>
        <source>Its notification will be sent by the next running Crochet.</source>
        <translation>Sa notification sera envoyée par le prochain processus Crochet actif.</translation>
    </message>
    <message>
        <source>Notification: %1</source>
        <translation>Notification&#xa0;: %1</translation>
    </message>
    <message>
        <source>Crochet will try again at %1.</source>
        <translation>Crochet fera un nouvel essai à %1.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>Users page, after creating an account notified to several endpoints: %1 the endpoint&apos;s name, %2 what happened to its notification</extracomment>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Open the webhook settings</source>
        <translation>Ouvrir les réglages du webhook</translation>
    </message>
</context>
<context>
    <name>UserImporter</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The file is empty: it needs a header row name,email,password,role.</source>
        <translation>Le fichier est vide&#xa0;: il lui faut une ligne d’en-tête name,email,password,role.</translation>
    </message>
    <message>
        <source>Line %1: the header row must name the columns name,email,password,role.</source>
        <translation>Ligne %1&#xa0;: la ligne d’en-tête doit nommer les colonnes name,email,password,role.</translation>
    </message>
    <message>
        <source>Expected %1 fields, found %2.</source>
        <translation>Nombre de champs attendu&#xa0;: %1, trouvé&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The email address %1 appears earlier in the file.</source>
        <translation>L’adresse électronique %1 figure déjà plus haut dans le fichier.</translation>
    </message>
    <message>
        <source>The password could not be hashed.</source>
        <translation>Impossible de hacher le mot de passe.</translation>
    </message>
    <message>
        <source>Malformed quoting (%1); the rest of the file was not read.</source>
        <translation>Guillemets mal placés (%1)&#xa0;; la suite du fichier n’a pas été lue.</translation>
    </message>
    <message>
        <source>The last field&apos;s quotes are not closed.</source>
        <translation>Les guillemets du dernier champ ne sont pas refermés.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Line %1: the header row is not valid UTF-8; save the file as UTF-8.</source>
        <translation>Ligne %1&#xa0;: la ligne d’en-tête n’est pas de l’UTF-8 valide&#x202f;; enregistrez le fichier en UTF-8.</translation>
    </message>
    <message>
        <source>Column %1 (%2) is not valid UTF-8; save the file as UTF-8.</source>
        <extracomment>%1 is a column number, %2 its name from the header row</extracomment>
        <translation>La colonne %1 (%2) n’est pas de l’UTF-8 valide&#x202f;; enregistrez le fichier en UTF-8.</translation>
    </message>
    <message>
        <source>Cannot save the accounts from line %1 on (%2): they were not imported. The %3 accounts before were kept; import the file again to add the rest (those already created are then refused as duplicates).</source>
        <translation>Impossible d’enregistrer les comptes à partir de la ligne %1 (%2)&#xa0;: ils n’ont pas été importés. Les comptes des lignes précédentes (%3) ont été conservés&#x202f;; importez de nouveau le fichier pour ajouter les autres (ceux déjà créés seront alors refusés comme doublons).</translation>
    </message>
</context>
<context>
    <name>UserListWidget</name>
    <message>
        <source>&amp;Accounts:</source>
        <translation>Com&amp;ptes&#xa0;:</translation>
    </message>
    <message>
        <source>Number of accounts</source>
        <translation>Nombre de comptes</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>Rechercher&#xa0;:</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Rechercher des comptes</translation>
    </message>
    <message>
        <source>Name or email (Ctrl+F)</source>
        <translation>Nom ou courriel (Ctrl+F)</translation>
    </message>
    <message>
        <source>Account actions</source>
        <translation>Actions sur les comptes</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>1 account</source>
        <extracomment>Users page: how many accounts there are; %1 is a number of two or more, or 0</extracomment>
        <translation>1 compte</translation>
    </message>
    <message>
        <source>%1 accounts</source>
        <translation>%1 comptes</translation>
    </message>
    <message>
        <source>%1 of 1 account</source>
        <extracomment>Users page: %1 accounts found by the search, out of %2 accounts in all</extracomment>
        <translation>%1 sur 1 compte</translation>
    </message>
    <message>
        <source>%1 of %2 accounts</source>
        <translation>%1 sur %2 comptes</translation>
    </message>
</context>
<context>
    <name>UserRules</name>
    <message>
        <source>The email address %1 is already used by another account.</source>
        <translation>L’adresse électronique %1 est déjà utilisée par un autre compte.</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Saisissez un nom.</translation>
    </message>
    <message>
        <source>The name is too long (%1 characters at most).</source>
        <translation>Le nom est trop long (%1&#xa0;caractères au maximum).</translation>
    </message>
    <message>
        <source>The name must not contain line breaks or control characters.</source>
        <translation>Le nom ne doit contenir ni saut de ligne ni caractère de contrôle.</translation>
    </message>
    <message>
        <source>Enter an email address.</source>
        <translation>Saisissez une adresse électronique.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Saisissez un mot de passe.</translation>
    </message>
    <message>
        <source>An account without a password must have the pending role.</source>
        <translation>Un compte sans mot de passe doit être en attente (rôle pending).</translation>
    </message>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>Le mot de passe doit comporter au moins %1&#xa0;caractères.</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>Les deux mots de passe ne correspondent pas.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid email address.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse électronique valide.</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;: use user, admin or pending.</source>
        <translation>Rôle «&#xa0;%1&#xa0;» inconnu&#xa0;: utilisez user, admin ou pending.</translation>
    </message>
    <message>
        <source>The name contains a character that is not valid Unicode; type it again.</source>
        <translation>Le nom contient un caractère Unicode non valide&#x202f;; saisissez-le de nouveau.</translation>
    </message>
    <message>
        <source>The email address contains a character that is not valid Unicode; type it again.</source>
        <translation>L’adresse électronique contient un caractère Unicode non valide&#x202f;; saisissez-la de nouveau.</translation>
    </message>
    <message>
        <source>The email address must not contain invisible or text-direction characters (%1).</source>
        <extracomment>%1 is a Unicode code point such as U+202E</extracomment>
        <translation>L’adresse électronique ne doit contenir ni caractère invisible ni caractère de direction du texte (%1).</translation>
    </message>
    <message>
        <source>The password contains a character that is not valid Unicode; type it again.</source>
        <translation>Le mot de passe contient un caractère Unicode non valide&#x202f;; saisissez-le de nouveau.</translation>
    </message>
</context>
<context>
    <name>UserStore</name>
    <message>
        <source>The database is busy or unavailable: %1</source>
        <translation>La base de données est occupée ou indisponible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot save the account: %1</source>
        <translation>Impossible d’enregistrer le compte&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot record the account&apos;s notification; the account was not created.</source>
        <translation>Impossible d’enregistrer la notification du compte&#x202f;; le compte n’a pas été créé.</translation>
    </message>
    <message>
        <source>Cannot hash the password (out of memory?); the account was not created.</source>
        <translation>Impossible de hacher le mot de passe (mémoire insuffisante&#x202f;?)&#x202f;; le compte n’a pas été créé.</translation>
    </message>
    <message>
        <source>Cannot read the account: %1</source>
        <translation>Impossible de lire le compte&#xa0;: %1</translation>
    </message>
    <message>
        <source>The account %1 does not exist (any more).</source>
        <translation>Le compte %1 n’existe pas (ou plus).</translation>
    </message>
    <message>
        <source>Cannot record the change&apos;s notifications; the account was not changed.</source>
        <translation>Impossible d’enregistrer les notifications de la modification&#x202f;; le compte n’a pas été modifié.</translation>
    </message>
    <message>
        <source>Cannot save the change: %1</source>
        <translation>Impossible d’enregistrer la modification&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot hash the password (out of memory?); the password was not changed.</source>
        <translation>Impossible de hacher le mot de passe (mémoire insuffisante&#x202f;?)&#x202f;; le mot de passe n’a pas été modifié.</translation>
    </message>
    <message>
        <source>Cannot save the password: %1</source>
        <translation>Impossible d’enregistrer le mot de passe&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled: the password was not changed.</source>
        <translation>Annulé&#xa0;: le mot de passe n’a pas été modifié.</translation>
    </message>
    <message>
        <source>Cannot delete the account: %1</source>
        <translation>Impossible de supprimer le compte&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Disabled</source>
        <extracomment>State of an account in the Users list</extracomment>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>Column of the Users list: Active or Disabled</extracomment>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Set up the &amp;webhook…</source>
        <translation>Configurer le &amp;webhook…</translation>
    </message>
    <message>
        <source>Opens Settings → General, where the webhook URL is set</source>
        <translation>Ouvre Réglages → Général, où se règle l’URL du webhook</translation>
    </message>
    <message>
        <source>No webhook is configured: accounts are created without any notification. Set up the webhook to be told of every new account.</source>
        <translation>Aucun webhook n’est configuré&#xa0;: les comptes sont créés sans notification. Configurez le webhook pour être averti de chaque nouveau compte.</translation>
    </message>
    <message>
        <source>Show its deliveries</source>
        <extracomment>Users list, context menu: the Deliveries tab filtered on the selected account</extracomment>
        <translation>Afficher ses envois</translation>
    </message>
    <message>
        <source>Show the notifications of the selected account in the Deliveries tab.</source>
        <translation>Afficher les notifications du compte sélectionné dans l’onglet Envois.</translation>
    </message>
</context>
<context>
    <name>WebhookCommand</name>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Forget the saved webhook URL.</source>
        <translation>Effacer l’URL du webhook enregistrée.</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Format&#xa0;: %1</translation>
    </message>
    <message>
        <source>Timeout: %1 s</source>
        <translation>Délai d’attente&#xa0;: %1&#xa0;s</translation>
    </message>
    <message>
        <source>Webhook URL saved: %1</source>
        <translation>URL du webhook enregistrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved webhook URL cleared.</source>
        <translation>URL du webhook enregistrée effacée.</translation>
    </message>
    <message>
        <source>No webhook URL is configured: save one with &quot;%1 webhook set URL&quot; or set %2.</source>
        <translation>Aucune URL de webhook n’est configurée&#xa0;: enregistrez-en une avec «&#xa0;%1 webhook set URL&#xa0;» ou définissez %2.</translation>
    </message>
    <message>
        <source>The webhook&apos;s address, http:// or https://; or --%1.</source>
        <translation>L’adresse du webhook, en http:// ou https://&#x202f;; ou --%1.</translation>
    </message>
    <message>
        <source>Check and save the webhook URL; nothing is saved when something is refused.</source>
        <translation>Vérifier et enregistrer l’URL du webhook&#x202f;; rien n’est enregistré si un élément est refusé.</translation>
    </message>
    <message>
        <source>Configure the main endpoint (the webhook Settings → General edits) and test it; &quot;endpoint&quot; manages every endpoint.</source>
        <translation>Configurer le point d’envoi principal (le webhook que modifie Réglages → Général) et le tester&#x202f;; «&#xa0;endpoint&#xa0;» gère tous les points d’envoi.</translation>
    </message>
    <message>
        <source>Note: the environment variable %1 is set; new accounts are also notified to its URL, as an endpoint of its own, while it is set.</source>
        <translation>Remarque&#xa0;: la variable d’environnement %1 est définie&#x202f;; tant qu’elle l’est, chaque nouveau compte est aussi notifié à son URL, en tant que point d’envoi distinct.</translation>
    </message>
</context>
<context>
    <name>WebhookConfig</name>
    <message>
        <source>&quot;%1&quot; is not a valid header name: use letters, digits and !#$%&amp;&apos;*+-.^_`|~ only.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom d’en-tête valide&#xa0;: utilisez uniquement des lettres, des chiffres et les caractères !#$%&amp;&apos;*+-.^_`|~</translation>
    </message>
    <message>
        <source>Crochet sets the %1 header itself; it cannot be replaced.</source>
        <translation>Crochet définit lui-même l’en-tête %1&#x202f;; il ne peut pas être remplacé.</translation>
    </message>
    <message>
        <source>A header value must not contain line breaks.</source>
        <translation>La valeur d’un en-tête ne doit pas contenir de saut de ligne.</translation>
    </message>
    <message>
        <source>%1 governs the connection itself, which Crochet and Qt manage; it cannot be set as a custom header.</source>
        <translation>L’en-tête %1 concerne la connexion elle-même, que gèrent Crochet et Qt&#x202f;; il ne peut pas être défini comme en-tête personnalisé.</translation>
    </message>
    <message>
        <source>%1 describes how the body is sent, which Crochet sets from the payload; a custom value would make the receiver misread the request.</source>
        <translation>L’en-tête %1 décrit la manière dont le corps est transmis, ce que Crochet détermine d’après le message&#x202f;; une valeur personnalisée fausserait la lecture de la requête par le destinataire.</translation>
    </message>
    <message>
        <source>The Host header comes from the webhook URL; change the URL instead.</source>
        <translation>L’en-tête Host provient de l’URL du webhook&#x202f;; modifiez plutôt l’URL.</translation>
    </message>
    <message>
        <source>A header value must not contain control characters (here U+%1).</source>
        <translation>La valeur d’un en-tête ne doit pas contenir de caractère de contrôle (ici U+%1).</translation>
    </message>
    <message>
        <source>A header value must be plain ASCII: encode other characters as the receiver expects (for example percent-encoding or Base64).</source>
        <translation>La valeur d’un en-tête doit être en ASCII pur&#xa0;: encodez les autres caractères comme le destinataire l’attend (par exemple avec l’encodage-pourcent ou en Base64).</translation>
    </message>
    <message>
        <source>A header value must not begin or end with a space or a tab: receivers would drop them.</source>
        <translation>La valeur d’un en-tête ne doit ni commencer ni se terminer par un espace ou une tabulation&#xa0;: les destinataires les supprimeraient.</translation>
    </message>
    <message>
        <source>A header value must not exceed %1 characters.</source>
        <translation>La valeur d’un en-tête ne doit pas dépasser %1&#xa0;caractères.</translation>
    </message>
</context>
<context>
    <name>WebhookUrl</name>
    <message>
        <source>Enter the webhook URL, for example https://discord.com/api/webhooks/…</source>
        <translation>Saisissez l’URL du webhook, par exemple https://discord.com/api/webhooks/…</translation>
    </message>
    <message>
        <source>The URL must not contain spaces.</source>
        <translation>L’URL ne doit pas contenir d’espaces.</translation>
    </message>
    <message>
        <source>The URL must not contain control characters.</source>
        <translation>L’URL ne doit pas contenir de caractères de contrôle.</translation>
    </message>
    <message>
        <source>The URL must start with https:// or http://.</source>
        <translation>L’URL doit commencer par https:// ou http://.</translation>
    </message>
    <message>
        <source>This is not a valid URL; check its characters and its format.</source>
        <translation>Cette URL n’est pas valide&#x202f;; vérifiez ses caractères et sa forme.</translation>
    </message>
    <message>
        <source>The URL must name a host, as in https://example.com/hook.</source>
        <translation>L’URL doit indiquer un hôte, comme dans https://example.com/hook.</translation>
    </message>
    <message>
        <source>Only http and https URLs are supported, not &quot;%1&quot;.</source>
        <translation>Seules les URL http et https sont prises en charge, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The URL must start with https:// or http://: did you mean %1?</source>
        <translation>L’URL doit commencer par https:// ou http://&#xa0;: vouliez-vous dire %1&#x202f;?</translation>
    </message>
    <message>
        <source>The URL must start with https:// or http://: write %1 in front of the host.</source>
        <extracomment>%1 is &quot;http://&quot; or &quot;https://&quot;.</extracomment>
        <translation>L’URL doit commencer par https:// ou http://&#xa0;: écrivez %1 devant l’hôte.</translation>
    </message>
    <message>
        <source>The URL must not contain a user name or password; send credentials in a custom header such as Authorization (Settings → Webhooks, the endpoint&apos;s Security tab).</source>
        <translation>L’URL ne doit contenir ni nom d’utilisateur ni mot de passe&#x202f;; transmettez les identifiants dans un en-tête personnalisé comme Authorization (Réglages → Webhooks, onglet Sécurité du point d’envoi).</translation>
    </message>
</context>
<context>
    <name>WebhooksSettingsWidget</name>
    <message>
        <source>Every endpoint receives the account events it subscribes to, in its own format, signed with its own secret. Settings → General edits the main endpoint&apos;s URL.</source>
        <translation>Chaque point d’envoi reçoit les événements de compte auxquels il est abonné, dans son propre format, signés avec son propre secret. L’URL du point d’envoi principal se modifie dans Réglages → Général.</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Points d’envoi</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>Webhooks page, column: Active, Disabled, Disabled after HTTP 410, No URL</extracomment>
        <translation>État</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Dernier résultat</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>Webhooks page, column: how many notifications to the endpoint wait to be sent</extracomment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>A&amp;jouter…</translation>
    </message>
    <message>
        <source>Add an endpoint</source>
        <translation>Ajouter un point d’envoi</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Du&amp;plicate…</source>
        <translation>&amp;Dupliquer…</translation>
    </message>
    <message>
        <source>A new endpoint with the same settings, under another name</source>
        <translation>Un nouveau point d’envoi avec les mêmes réglages, sous un autre nom</translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation>Désac&amp;tiver</translation>
    </message>
    <message>
        <source>Dele&amp;te…</source>
        <translation>Su&amp;pprimer…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Sends a test notification to the selected endpoint, with its saved settings, even while it is disabled. A delivered test sends again to an endpoint disabled after HTTP 410.</source>
        <translation>Envoie une notification de test au point d’envoi sélectionné, avec ses réglages enregistrés, même s’il est désactivé. Un test livré rétablit les envois vers un point d’envoi désactivé après un HTTP 410.</translation>
    </message>
    <message>
        <source>Send a test notif&amp;ication</source>
        <translation>En&amp;voyer une notification de test</translation>
    </message>
    <message>
        <source>Cancel the test</source>
        <translation>Annuler le test</translation>
    </message>
    <message>
        <source>Test in progress</source>
        <translation>Test en cours</translation>
    </message>
    <message>
        <source>The main endpoint: Settings → General edits its URL.</source>
        <translation>Le point d’envoi principal&#xa0;: son URL se modifie dans Réglages → Général.</translation>
    </message>
    <message>
        <source>Added by the environment variable %1 while it is set: read-only.</source>
        <translation>Ajouté par la variable d’environnement %1 tant qu’elle est définie&#xa0;: lecture seule.</translation>
    </message>
    <message>
        <source>(no URL)</source>
        <extracomment>Webhooks page, Host column: an endpoint without a URL yet</extracomment>
        <translation>(sans URL)</translation>
    </message>
    <message>
        <source>Auto (%1)</source>
        <extracomment>Webhooks page, Format column: %1 is the format Auto chose for the endpoint&apos;s URL</extracomment>
        <translation>Automatique (%1)</translation>
    </message>
    <message>
        <source>None (tests only)</source>
        <extracomment>Webhooks page, Events column: an endpoint subscribed to no event receives only test notifications</extracomment>
        <translation>Aucun (tests uniquement)</translation>
    </message>
    <message>
        <source>Test: %1</source>
        <extracomment>Webhooks page, Last result column: the result of the test sent from this page</extracomment>
        <translation>Test&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>Webhooks page, tooltip of the last result: %1 when, %2 the event, %3 the notification&apos;s state</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Nothing sent yet</source>
        <extracomment>Webhooks page, Last result column: no notification was sent to the endpoint yet</extracomment>
        <translation>Aucun envoi pour l’instant</translation>
    </message>
    <message>
        <source>This endpoint comes from the environment variable %1: change or unset the variable.</source>
        <translation>Ce point d’envoi provient de la variable d’environnement %1&#xa0;: modifiez ou supprimez cette variable.</translation>
    </message>
    <message>
        <source>Edit the selected endpoint</source>
        <translation>Modifier le point d’envoi sélectionné</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <extracomment>Webhooks page, button: send to the selected endpoint again, or stop sending to it (keep the same mnemonic)</extracomment>
        <translation>Ac&amp;tiver</translation>
    </message>
    <message>
        <source>Send to this URL again, although it answered HTTP 410 (the webhook no longer exists there).</source>
        <translation>Envoyer de nouveau à cette URL, bien qu’elle ait répondu HTTP 410 (le webhook n’y existe plus).</translation>
    </message>
    <message>
        <source>Send notifications to this endpoint again</source>
        <translation>Envoyer de nouveau les notifications à ce point d’envoi</translation>
    </message>
    <message>
        <source>Stop sending notifications to this endpoint</source>
        <translation>Ne plus envoyer de notifications à ce point d’envoi</translation>
    </message>
    <message>
        <source>The main endpoint cannot be deleted: clear its URL in Settings → General, or disable it.</source>
        <translation>Le point d’envoi principal ne peut pas être supprimé&#xa0;: effacez son URL dans Réglages → Général, ou désactivez-le.</translation>
    </message>
    <message>
        <source>This endpoint comes from the environment variable %1: unset the variable to remove it.</source>
        <translation>Ce point d’envoi provient de la variable d’environnement %1&#xa0;: supprimez cette variable pour le retirer.</translation>
    </message>
    <message>
        <source>Delete the selected endpoint</source>
        <translation>Supprimer le point d’envoi sélectionné</translation>
    </message>
    <message>
        <source>Disabled after HTTP 410 (the webhook no longer exists on the service): %1. Edit it to set a new URL, or enable it again.</source>
        <translation>Désactivé après un HTTP 410 (le webhook n’existe plus sur le service)&#xa0;: %1. Modifiez-le pour indiquer une nouvelle URL, ou réactivez-le.</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <extracomment>The name proposed for a duplicated endpoint; %1 is the original&apos;s name</extracomment>
        <translation>%1 (copie)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <extracomment>The name proposed for a duplicated endpoint when &quot;(copy)&quot; is taken; %1 the name, %2 a number</extracomment>
        <translation>%1 (copie %2)</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; saved.</source>
        <translation>Point d’envoi «&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; added.</source>
        <translation>Point d’envoi «&#xa0;%1&#xa0;» ajouté.</translation>
    </message>
    <message>
        <source>The endpoint could not be changed; nothing was written.</source>
        <translation>Impossible de modifier le point d’envoi&#x202f;; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; enabled.</source>
        <translation>Point d’envoi «&#xa0;%1&#xa0;» activé.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; disabled: its notifications wait until it is enabled again.</source>
        <translation>Point d’envoi «&#xa0;%1&#xa0;» désactivé&#xa0;: ses notifications attendent qu’il soit réactivé.</translation>
    </message>
    <message>
        <source>Delete an endpoint</source>
        <translation>Supprimer un point d’envoi</translation>
    </message>
    <message>
        <source>Delete the endpoint &quot;%1&quot;?</source>
        <translation>Supprimer le point d’envoi «&#xa0;%1&#xa0;»&#x202f;?</translation>
    </message>
    <message>
        <source>Notifications to it still pending: %1. They will not be sent: they are marked failed. Its delivery history stays.</source>
        <translation>Notifications encore en attente pour ce point d’envoi&#xa0;: %1. Elles ne seront pas envoyées&#xa0;: elles seront marquées en échec. Son historique des envois est conservé.</translation>
    </message>
    <message>
        <source>No notification to it is pending. Its delivery history stays.</source>
        <translation>Aucune notification n’est en attente pour ce point d’envoi. Son historique des envois est conservé.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>The endpoint could not be deleted; nothing was changed.</source>
        <translation>Impossible de supprimer le point d’envoi&#x202f;; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; deleted.</source>
        <translation>Point d’envoi «&#xa0;%1&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>Sending a test notification to %1…</source>
        <translation>Envoi d’une notification de test à %1…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>The result of a test from the Webhooks page: %1 the endpoint&apos;s name, %2 what happened</extracomment>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>WorkersCommand</name>
    <message>
        <source>List the processes delivering notifications.</source>
        <translation>Lister les processus qui livrent les notifications.</translation>
    </message>
    <message>
        <source>List the processes delivering notifications on this database, one a line: id, program, host, process id, version, started, last seen, and live or stale (not seen for %1 s: the process died). Exit status 1 when none is live.</source>
        <translation>Liste les processus qui livrent les notifications de cette base, un par ligne&#xa0;: identifiant, programme, hôte, numéro de processus, version, démarrage, dernier signe de vie, et actif ou éteint (sans signe de vie depuis %1&#xa0;s&#xa0;: le processus s’est arrêté). Code de sortie 1 quand aucun n’est actif.</translation>
    </message>
    <message>
        <source>Also list the workers that stopped answering.</source>
        <translation>Lister aussi les livreurs qui ne répondent plus.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Interface language: fr or en.</source>
        <translation>Langue de l’interface&#xa0;: fr ou en.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>langue</translation>
    </message>
    <message>
        <source>Crochet: local accounts with reliable webhook notifications.</source>
        <translation>Crochet&#xa0;: comptes locaux avec notifications fiables par webhook.</translation>
    </message>
    <message>
        <source>Crochet</source>
        <translation>Crochet</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;: use fr or en.</source>
        <translation>Langue «&#xa0;%1&#xa0;» inconnue&#xa0;: utilisez fr ou en.</translation>
    </message>
    <message>
        <source>Use the database at &lt;path&gt;: a file, or a PostgreSQL URL (postgresql://user@host:5432/database). Default: $DATABASE_URL when set.</source>
        <translation>Utiliser la base de données &lt;chemin&gt;&#xa0;: un fichier, ou une URL PostgreSQL (postgresql://utilisateur@hôte:5432/base). Par défaut&#xa0;: $DATABASE_URL si elle est définie.</translation>
    </message>
    <message>
        <source>path or URL</source>
        <translation>chemin ou URL</translation>
    </message>
</context>
</TS>
