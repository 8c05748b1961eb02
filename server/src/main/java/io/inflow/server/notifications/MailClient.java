package io.inflow.server.notifications;

import io.inflow.server.secrets.SecretReference;
import io.inflow.server.secrets.SecretUnresolvedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Sends notification mail through the configured SMTP server with Jakarta Mail (Eclipse Angus): a plain-text and an
 * HTML part of the same facts, STARTTLS required when configured, the password resolved from its reference at each
 * sending. An SMTP server that refuses an address fails for good; one that cannot be reached is tried again.
 */
public final class MailClient {

    private final SmtpConfiguration smtp;
    private final Duration timeout;
    private final Function<String, String> environment;
    private final Clock clock;

    public MailClient(SmtpConfiguration smtp, Duration timeout, Function<String, String> environment, Clock clock) {
        this.smtp = smtp;
        this.timeout = timeout;
        this.environment = environment;
        this.clock = clock;
    }

    /** Whether an SMTP server is configured. */
    public boolean configured() {
        return smtp.host().isPresent();
    }

    /** Whether {@code address} is one address the SMTP server can be asked to send to. */
    public static boolean isAddress(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return parsed.getAddress().equals(address.trim()) && address.contains("@");
        } catch (AddressException e) {
            return false;
        }
    }

    /** Sends one message to {@code recipients}; never throws for what the SMTP server did. */
    public TargetAnswer send(List<String> recipients, MailContent content, String messageId) {
        if (!configured()) {
            return TargetAnswer.failed(null, null, "no SMTP server is configured (notifications.smtp.host)");
        }
        String password;
        try {
            password = password();
        } catch (SecretUnresolvedException e) {
            return TargetAnswer.retry(null, null, "the SMTP password: " + e.getMessage(), Optional.empty());
        }
        Session session = Session.getInstance(properties());
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from()));
            for (String recipient : recipients) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            }
            message.setSubject(content.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-Inflow-Message-Id", messageId);
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(smtp.host().orElseThrow(), smtp.port(), smtp.user().orElse(null),
                        smtp.user().isPresent() ? password : null);
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
            return TargetAnswer.delivered(250, null);
        } catch (SendFailedException e) {
            return TargetAnswer.failed(null, null, "the SMTP server refused: " + e.getMessage());
        } catch (MessagingException e) {
            return TargetAnswer.retry(null, null, "could not send through " + smtp.host().orElseThrow() + ":"
                    + smtp.port() + ": " + e.getMessage(), Optional.empty());
        }
    }

    private String password() throws SecretUnresolvedException {
        Optional<SecretReference> reference = SecretReference.of(smtp.password());
        return reference.isPresent() ? reference.get().resolve(environment) : smtp.password();
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host().orElseThrow());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        properties.put("mail.smtp.auth", Boolean.toString(smtp.user().isPresent()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        return properties;
    }
}
